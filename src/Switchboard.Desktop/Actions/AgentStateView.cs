namespace Switchboard.Desktop.Actions;

/// <summary>The signed-in agent's state as the hub last saw it: <c>loggedOut</c>, <c>ready</c>, <c>notReady</c>, <c>busy</c> or <c>wrapUp</c>.</summary>
public sealed record AgentStateView(string AgentId, string State, string? Reason);
