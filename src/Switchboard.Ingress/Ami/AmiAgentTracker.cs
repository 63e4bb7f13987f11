using Switchboard.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Agent events from queue-member events. An event is emitted only when the agent's state changes, so a
/// QueuePause that touches three queues (three QueueMemberPause events) gives one agent.not_ready.
/// </summary>
internal sealed class AmiAgentTracker(string system, string source, AmiAgentIdSource idFrom)
{
    private const int MaxAgents = 100_000;
    private readonly Dictionary<string, AmiAgent> _agents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _interfaces = new(StringComparer.Ordinal);

    /// <summary>The agent id of the member an event names (MemberName, or Name in a QueueMember list reply; Interface or Location).</summary>
    public string? AgentId(AmiMessage message)
    {
        var iface = Interface(message);
        return idFrom == AmiAgentIdSource.Interface
            ? iface
            : AmiFields.Text(message, "MemberName") ?? AmiFields.Text(message, "Name") ?? iface;
    }

    public string? FindInterface(string agentId) => _interfaces.GetValueOrDefault(agentId);

    /// <summary>Learns which interface an agent id stands for (for click-to-dial and pause by agent id).</summary>
    public void Remember(AmiMessage message)
    {
        if (Interface(message) is { } iface && AgentId(message) is { } id && _interfaces.Count < MaxAgents)
        {
            _interfaces[id] = iface;
        }
    }

    public void Process(AmiMessage message, DateTimeOffset receivedAt, List<ContactCenterEvent> output)
    {
        if (message.Is("AgentLogin") || message.Is("AgentLogoff"))
        {
            PoolAgent(message, receivedAt, output);
            return;
        }

        var joined = message.Is("QueueMemberAdded") || message.Is("QueueMember");
        var left = message.Is("QueueMemberRemoved");
        var changed = message.Is("QueueMemberPause") || message.Is("QueueMemberPaused") || message.Is("QueueMemberStatus");
        if (!(joined || left || changed) || Interface(message) is not { } iface || AgentId(message) is not { } agentId)
        {
            return;
        }

        Remember(message);
        var queue = AmiFields.Text(message, "Queue") ?? "-";
        var agent = Get(iface, agentId);
        if (agent is null)
        {
            return;
        }

        if (left)
        {
            agent.Queues.Remove(queue);
            if (agent.Queues.Count == 0 && agent.State != AmiAgentState.LoggedOut)
            {
                Emit(output, agent, message, receivedAt, queue, EventTypes.AgentLoggedOut, null);
                agent.State = AmiAgentState.LoggedOut;
                agent.Reason = null;
            }

            return;
        }

        var wasOut = agent.Queues.Count == 0 && agent.State is AmiAgentState.Unknown or AmiAgentState.LoggedOut;
        agent.Queues.Add(queue);
        if (joined && wasOut)
        {
            Emit(output, agent, message, receivedAt, queue, EventTypes.AgentLoggedIn, null);
            agent.State = AmiAgentState.Unknown;
        }

        Apply(agent, message, receivedAt, queue, output);
    }

    private void Apply(AmiAgent agent, AmiMessage message, DateTimeOffset receivedAt, string queue, List<ContactCenterEvent> output)
    {
        // Status is the device state: 1 not in use, 2 in use, 3 busy, 6 ringing (ringing is not busy yet).
        var paused = AmiFields.Flag(message, "Paused");
        var reason = paused ? AmiFields.Text(message, "PausedReason") : null;
        var inCall = AmiFields.Flag(message, "InCall") || AmiFields.Int(message, "Status") is 2 or 3;
        var state = paused ? AmiAgentState.NotReady : inCall ? AmiAgentState.Busy : AmiAgentState.Ready;
        if (state == agent.State && (state != AmiAgentState.NotReady || reason == agent.Reason))
        {
            return;
        }

        var type = state switch
        {
            AmiAgentState.NotReady => EventTypes.AgentNotReady,
            AmiAgentState.Busy => EventTypes.AgentBusy,
            _ => EventTypes.AgentReady,
        };
        Emit(output, agent, message, receivedAt, queue, type, reason);
        agent.State = state;
        agent.Reason = reason;
    }

    /// <summary>app_agent_pool's AgentLogin/AgentLogoff name the agent by its <c>Agent</c> id, not by a queue member.</summary>
    private void PoolAgent(AmiMessage message, DateTimeOffset receivedAt, List<ContactCenterEvent> output)
    {
        if (AmiFields.Text(message, "Agent") is not { } id || Get("agent:" + id, id) is not { } agent)
        {
            return;
        }

        var login = message.Is("AgentLogin");
        var state = login ? AmiAgentState.Ready : AmiAgentState.LoggedOut;
        if (agent.State == state)
        {
            return;
        }

        Emit(output, agent, message, receivedAt, "-", login ? EventTypes.AgentLoggedIn : EventTypes.AgentLoggedOut, null);
        agent.State = state;
    }

    private AmiAgent? Get(string key, string agentId)
    {
        if (_agents.TryGetValue(key, out var agent))
        {
            agent.AgentId = agentId;
            return agent;
        }

        if (_agents.Count >= MaxAgents)
        {
            return null;
        }

        agent = new AmiAgent(key, agentId);
        _agents[key] = agent;
        return agent;
    }

    private void Emit(List<ContactCenterEvent> output, AmiAgent agent, AmiMessage message, DateTimeOffset receivedAt, string queue, string type, string? reason) =>
        output.Add(new ContactCenterEvent
        {
            EventId = AmiEventIds.For(system, "agent:" + agent.Key, message, queue, type),
            Type = type,
            OccurredAt = AmiFields.OccurredAt(message, receivedAt),
            AgentId = agent.AgentId,
            Queue = queue == "-" ? null : queue,
            Reason = reason,
            Source = source,
        });

    private static string? Interface(AmiMessage message) =>
        AmiFields.Text(message, "Interface") ?? AmiFields.Text(message, "Location");
}
