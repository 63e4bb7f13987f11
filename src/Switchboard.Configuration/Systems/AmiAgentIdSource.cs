namespace Switchboard.Configuration;

/// <summary>Which field of Asterisk's queue events becomes the hub's agent id.</summary>
public enum AmiAgentIdSource
{
    /// <summary><c>MemberName</c> (e.g. <c>Agent 100</c>), falling back to the interface when a member has no name.</summary>
    MemberName,

    /// <summary><c>Interface</c> (e.g. <c>PJSIP/100</c> or <c>Local/100@agents</c>).</summary>
    Interface,
}
