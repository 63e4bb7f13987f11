using Switchboard.Core.Agents;
using Switchboard.Core.Events;

namespace Switchboard.Interactions.Assembly;

/// <summary>Applies agent events to an agent's state; an event older than the state it would replace is ignored.</summary>
public static class AgentStateFolder
{
    public static Agent Apply(Agent? current, ContactCenterEvent e)
    {
        var agent = current ?? new Agent { Id = e.AgentId!, Name = e.AgentId!, StateChangedAt = DateTimeOffset.MinValue };
        if (e.OccurredAt < agent.StateChangedAt)
        {
            return agent;
        }

        AgentState? state = e.Type switch
        {
            EventTypes.AgentLoggedIn => AgentState.Ready,
            EventTypes.AgentLoggedOut => AgentState.LoggedOut,
            EventTypes.AgentReady => AgentState.Ready,
            EventTypes.AgentNotReady => AgentState.NotReady,
            EventTypes.AgentBusy => AgentState.Busy,
            EventTypes.AgentWrapUp => AgentState.WrapUp,
            _ => null,
        };
        if (state is null)
        {
            return agent;
        }

        var queues = e.Queue is { } queue && !agent.Queues.Contains(queue, StringComparer.Ordinal) && e.Type == EventTypes.AgentLoggedIn
            ? [.. agent.Queues, queue]
            : agent.Queues;
        return agent with
        {
            State = state.Value,
            StateReason = state == AgentState.NotReady ? e.Reason : null,
            StateChangedAt = e.OccurredAt,
            Queues = queues,
        };
    }
}
