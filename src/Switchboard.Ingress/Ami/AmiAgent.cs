namespace Switchboard.Ingress.Ami;

/// <summary>What the tracker knows of one queue member (or app_agent_pool agent), keyed by its interface.</summary>
internal sealed class AmiAgent(string key, string agentId)
{
    public string Key { get; } = key;

    public string AgentId { get; set; } = agentId;

    public HashSet<string> Queues { get; } = new(StringComparer.Ordinal);

    public AmiAgentState State { get; set; } = AmiAgentState.Unknown;

    public string? Reason { get; set; }
}

internal enum AmiAgentState
{
    Unknown,
    LoggedOut,
    Ready,
    NotReady,
    Busy,
}
