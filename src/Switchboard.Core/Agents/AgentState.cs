namespace Switchboard.Core.Agents;

public enum AgentState
{
    LoggedOut,
    Ready,
    NotReady,
    Busy,
    WrapUp,
}
