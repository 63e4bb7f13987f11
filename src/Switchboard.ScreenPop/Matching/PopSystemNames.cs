namespace Switchboard.ScreenPop.Matching;

/// <summary>Names of the hub's own sources, shown beside the configured systems.</summary>
internal static class PopSystemNames
{
    /// <summary>The hub itself: its cross-reference index and interaction history.</summary>
    public const string Hub = "switchboard";

    public const string HistoryOperation = "interaction.history";
}
