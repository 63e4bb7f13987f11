namespace Switchboard.Configuration;

/// <summary>
/// The <c>changes</c> section of an orderCapture or ticketing flow: how the hub follows the status changes
/// of the flow's systems by polling their changed-since operation (<c>order.listChanged</c>,
/// <c>ticket.listChanged</c>). Read at each polling round, so a reload takes effect.
/// </summary>
public sealed record ChangeSettings
{
    public static readonly ChangeSettings Default = new();

    public const int MaxPollSeconds = 86_400;

    /// <summary>0 .. 86400 s between two polls of each system (0: no polling; webhooks and queues still apply changes).</summary>
    public int PollSeconds { get; init; }

    public bool Polls => PollSeconds > 0;
}
