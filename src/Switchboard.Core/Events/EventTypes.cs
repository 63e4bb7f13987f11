using System.Collections.Frozen;

namespace Switchboard.Core.Events;

/// <summary>The contact-center event types the hub understands. Every ingress maps its own vocabulary onto these.</summary>
public static class EventTypes
{
    /// <summary>A call reached the contact center (inbound) or was placed (outbound); the caller is known.</summary>
    public const string CallOffered = "call.offered";
    /// <summary>The call waits in a queue.</summary>
    public const string CallQueued = "call.queued";
    /// <summary>An agent's phone rings for the call (the screen-pop moment).</summary>
    public const string CallRinging = "call.ringing";
    public const string CallAnswered = "call.answered";
    public const string CallHeld = "call.held";
    public const string CallResumed = "call.resumed";
    /// <summary>The call moved to another agent, queue or number (<c>transferTo</c>).</summary>
    public const string CallTransferred = "call.transferred";
    public const string CallConferenced = "call.conferenced";
    /// <summary>The call is over (<c>reason</c>: completed, abandoned, busy, no-answer, failed, ...).</summary>
    public const string CallEnded = "call.ended";
    /// <summary>The agent finished after-call work (<c>disposition</c>, <c>notes</c>).</summary>
    public const string CallWrapUpCompleted = "call.wrapup_completed";
    public const string CallRecordingAvailable = "call.recording_available";

    public const string AgentLoggedIn = "agent.logged_in";
    public const string AgentLoggedOut = "agent.logged_out";
    public const string AgentReady = "agent.ready";
    /// <summary>The agent is unavailable (<c>reason</c>: lunch, training, ...).</summary>
    public const string AgentNotReady = "agent.not_ready";
    public const string AgentBusy = "agent.busy";
    public const string AgentWrapUp = "agent.wrap_up";

    public static FrozenSet<string> Call { get; } = new[]
    {
        CallOffered, CallQueued, CallRinging, CallAnswered, CallHeld, CallResumed, CallTransferred,
        CallConferenced, CallEnded, CallWrapUpCompleted, CallRecordingAvailable,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static FrozenSet<string> Agent { get; } = new[]
    {
        AgentLoggedIn, AgentLoggedOut, AgentReady, AgentNotReady, AgentBusy, AgentWrapUp,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsCall(string type) => Call.Contains(type);

    public static bool IsAgent(string type) => Agent.Contains(type);

    public static bool IsKnown(string type) => IsCall(type) || IsAgent(type);
}
