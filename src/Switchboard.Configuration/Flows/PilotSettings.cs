namespace Switchboard.Configuration;

/// <summary>The cohort a flow in pilot mode applies to: a call qualifies when its agent or queue is listed, or it falls in the percentage.</summary>
public sealed record PilotSettings
{
    public IReadOnlyList<string> Agents { get; init; } = [];

    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>0 .. 100 percent of the other calls.</summary>
    public int Percent { get; init; }

    public bool IsEmpty => Agents.Count == 0 && Queues.Count == 0 && Percent == 0;
}
