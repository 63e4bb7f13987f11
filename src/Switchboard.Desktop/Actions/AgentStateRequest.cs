namespace Switchboard.Desktop.Actions;

/// <summary>The agent sets their state: <c>ready</c>, or <c>notReady</c> with a reason (break, lunch, training, ...).</summary>
public sealed record AgentStateRequest(string? State, string? Reason);
