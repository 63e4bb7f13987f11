namespace Switchboard.Desktop;

/// <summary>The agent desktop's cookie session and the claims it carries.</summary>
public static class DesktopAuthentication
{
    public const string Scheme = "Desktop";
    public const string CookieName = "switchboard.desktop";
    public const string AgentIdClaim = "switchboard:agent_id";
    public const string UsernameClaim = "switchboard:username";

    /// <summary>The authorization policy of desktop endpoints: a signed-in agent session.</summary>
    public const string Policy = "DesktopSession";
}
