using Switchboard.Core.Events;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Calls the hub asked Asterisk to place (click-to-dial): Originate rings the agent's interface first, on a channel whose
/// Uniqueid (and so the call's Linkedid) is the ChannelId the hub chose, then dials the customer. They use no queue, so
/// the tracker learns of them from the hub: call.offered and call.ringing (outbound, to the agent) when the agent's
/// channel appears, call.answered when the customer answers (DialEnd ANSWER), call.ended when the agent's leg hangs up,
/// or when the Originate fails (OriginateResponse Failure: the agent did not pick up).
/// </summary>
public sealed partial class AmiCallTracker
{
    private readonly Dictionary<string, (string AgentId, string Number, DateTimeOffset At)> _originated = new(StringComparer.Ordinal);

    /// <summary>The hub is about to send an Originate with <paramref name="channelId"/> for <paramref name="agentId"/> to <paramref name="number"/>.</summary>
    public void ExpectOriginated(string channelId, string agentId, string number, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        lock (_gate)
        {
            if (_originated.Count < MaxCalls)
            {
                _originated[channelId] = (agentId, number, at);
            }
        }
    }

    /// <summary>The Originate was refused or never sent: no call will come.</summary>
    public void ForgetOriginated(string channelId)
    {
        lock (_gate)
        {
            _originated.Remove(channelId);
        }
    }

    private void OriginatedRinging(Input e)
    {
        var m = e.Message;
        if (AmiFields.Text(m, "Uniqueid") is not { } channelId || AmiFields.Text(m, "Linkedid") is { } linked && linked != channelId
            || !_originated.Remove(channelId, out var expected) || _calls.ContainsKey(channelId) || _calls.Count >= MaxCalls)
        {
            return;
        }

        var call = new AmiCall(channelId) { Direction = "outbound", To = expected.Number, AgentId = expected.AgentId, LastSeen = e.ReceivedAt };
        _calls[channelId] = call;
        Emit(e, call, EventTypes.CallOffered, channelId, agentId: call.AgentId);
        Emit(e, call, EventTypes.CallRinging, channelId, agentId: call.AgentId);
    }

    private void OriginatedAnswered(Input e)
    {
        var m = e.Message;
        if (Find(e) is not { Direction: "outbound", Answered: false } call
            || !string.Equals(AmiFields.Text(m, "DialStatus"), "ANSWER", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        call.Answered = true;
        Emit(e, call, EventTypes.CallAnswered, AmiFields.Text(m, "DestUniqueid") ?? call.LinkedId, agentId: call.AgentId);
    }

    private void OriginateFailed(Input e)
    {
        // OriginateResponse names the originated channel by Uniqueid only (no Linkedid).
        var m = e.Message;
        if (!string.Equals(AmiFields.Text(m, "Response"), "Failure", StringComparison.OrdinalIgnoreCase) || AmiFields.Text(m, "Uniqueid") is not { } channelId)
        {
            return;
        }

        _originated.Remove(channelId);
        if (Find(channelId, e.ReceivedAt) is { Direction: "outbound" } call)
        {
            End(e, call, "agentNotAnswered", channelId, call.AgentId, AmiFields.Attributes(("originateReason", AmiFields.Text(m, "Reason"))));
        }
    }
}
