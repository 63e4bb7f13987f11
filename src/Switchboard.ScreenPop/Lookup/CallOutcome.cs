using Switchboard.Connectors;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>How one operation call of a pop ended, in the pop's terms.</summary>
internal sealed record CallOutcome(PopSourceState State, OperationResult? Result, double ElapsedMs, string? Reason, bool Cached)
{
    public IReadOnlyList<System.Text.Json.Nodes.JsonObject> Records => Result?.Records ?? [];
}
