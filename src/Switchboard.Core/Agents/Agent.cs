namespace Switchboard.Core.Agents;

/// <summary>A contact-center agent and the state the hub last saw for them.</summary>
public sealed record Agent
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The agent's extension or interface in the PBX (e.g. <c>Local/100@agents</c>).</summary>
    public string? Extension { get; init; }
    public IReadOnlyList<string> Queues { get; init; } = [];
    public AgentState State { get; init; } = AgentState.LoggedOut;
    public string? StateReason { get; init; }
    public DateTimeOffset StateChangedAt { get; init; }
}
