namespace Switchboard.Desktop.SignIn;

/// <summary>The signed-in agent, as the desktop shows it.</summary>
public sealed record DesktopAgent(string Username, string DisplayName, string AgentId, string Role);
