using System.Globalization;
using Switchboard.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Turns the AMI event stream of one Asterisk into the hub's <see cref="ContactCenterEvent"/>s. Pure: no
/// I/O, no clock; the caller passes when each message was received. A call is keyed by its Linkedid (the
/// Uniqueid of its first channel, copied onto every later leg) and becomes known at its first queue event,
/// or, for a call the hub asked it to place (click-to-dial), at its first channel (see <see cref="ExpectOriginated"/>).
/// The state outlives a reconnect: events replayed on a new session add nothing new, and those that do
/// repeat get the same deterministic ids.
/// </summary>
public sealed partial class AmiCallTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AmiCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Queue, string Interface), string> _connected = [];
    private readonly Dictionary<string, (string Number, DateTimeOffset At)> _dialled = new(StringComparer.Ordinal);
    private readonly AmiAgentTracker _agents;
    private DateTimeOffset _lastPurge;

    public AmiCallTracker(string system, AmiAgentIdSource agentIdFrom = AmiAgentIdSource.MemberName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        SystemName = system;
        AgentIdFrom = agentIdFrom;
        Source = "ami:" + system;
        _agents = new AmiAgentTracker(system, Source, agentIdFrom);
    }

    public string SystemName { get; }

    public AmiAgentIdSource AgentIdFrom { get; }

    /// <summary><c>ami:{system}</c>: the events' source and the ingress name in metrics.</summary>
    public string Source { get; }

    public int OpenCalls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Values.Count(call => !call.Ended);
            }
        }
    }

    /// <summary>The interface (e.g. <c>PJSIP/100</c>) of an agent id seen in a queue event, or null.</summary>
    public string? FindInterface(string agentId)
    {
        lock (_gate)
        {
            return _agents.FindInterface(agentId);
        }
    }

    public IReadOnlyList<ContactCenterEvent> Process(AmiMessage message, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var output = new List<ContactCenterEvent>();
        lock (_gate)
        {
            Purge(receivedAt);
            var e = new Input(message, receivedAt, output);
            switch (message.Event)
            {
                case null:
                    break;
                case var name when Is(name, "Newchannel"):
                    RememberDialled(e);
                    OriginatedRinging(e);
                    break;
                case var name when Is(name, "OriginateResponse"):
                    OriginateFailed(e);
                    break;
                case var name when Is(name, "DialEnd"):
                    OriginatedAnswered(e);
                    break;
                case var name when Is(name, "QueueCallerJoin"):
                    Joined(e);
                    break;
                case var name when Is(name, "AgentCalled"):
                    Ringing(e);
                    break;
                case var name when Is(name, "AgentConnect"):
                    Answered(e);
                    break;
                case var name when Is(name, "AgentComplete"):
                    Completed(e);
                    break;
                case var name when Is(name, "QueueCallerLeave"):
                    Find(e)?.InQueue = false;
                    break;
                case var name when Is(name, "QueueCallerAbandon"):
                    Abandoned(e);
                    break;
                case var name when Is(name, "HangupRequest") || Is(name, "SoftHangupRequest"):
                    if (Find(e) is { } asked && asked.IsCallerLeg(message["Uniqueid"]))
                    {
                        asked.CallerHungUp = true;
                    }

                    break;
                case var name when Is(name, "Hangup"):
                    HungUp(e);
                    break;
                case var name when Is(name, "MusicOnHoldStart") || Is(name, "Hold"):
                    Hold(e, held: true);
                    break;
                case var name when Is(name, "MusicOnHoldStop") || Is(name, "Unhold"):
                    Hold(e, held: false);
                    break;
                case var name when Is(name, "BlindTransfer") || Is(name, "AttendedTransfer"):
                    Transferred(e);
                    break;
                default:
                    _agents.Process(message, receivedAt, output);
                    break;
            }
        }

        return output;
    }

    private void RememberDialled(Input e)
    {
        // The first channel of a call (Uniqueid = Linkedid) carries the dialled number (the DID) in Exten.
        var m = e.Message;
        if (AmiFields.Text(m, "Linkedid") is { } linkedId && m["Uniqueid"] == linkedId
            && DialledNumber(AmiFields.Text(m, "Exten")) is { } number && _dialled.Count < MaxCalls)
        {
            _dialled[linkedId] = (number, e.ReceivedAt);
        }
    }

    private void Joined(Input e)
    {
        if (Open(e) is not { } call)
        {
            return;
        }

        call.Queue = AmiFields.Text(e.Message, "Queue") ?? call.Queue;
        call.QueueLeg = e.Message["Uniqueid"] ?? call.QueueLeg;
        call.InQueue = true;
        Emit(e, call, EventTypes.CallQueued, call.QueueLeg, attributes: AmiFields.Attributes(("position", e.Message["Position"])));
    }

    private void Ringing(Input e)
    {
        if (Open(e) is not { } call)
        {
            return;
        }

        _agents.Remember(e.Message);
        Emit(e, call, EventTypes.CallRinging, AgentLeg(e.Message), agentId: _agents.AgentId(e.Message));
    }

    private void Answered(Input e)
    {
        if (Open(e) is not { } call)
        {
            return;
        }

        var m = e.Message;
        _agents.Remember(m);
        call.InQueue = false;
        call.Answered = true;
        call.Held = false;
        call.AgentId = _agents.AgentId(m);
        if (AmiFields.Text(m, "Interface") is { } iface)
        {
            _connected[(call.Queue ?? string.Empty, iface)] = call.LinkedId;
        }

        Emit(e, call, EventTypes.CallAnswered, AgentLeg(m), agentId: call.AgentId,
            attributes: AmiFields.Attributes(("queueWaitSeconds", m["HoldTime"]), ("ringSeconds", m["RingTime"])));
    }

    private void Completed(Input e)
    {
        // Under load AgentComplete may come without any channel field (app_queue found the channels gone):
        // the member that connected on this queue says which call it was.
        var m = e.Message;
        var key = (AmiFields.Text(m, "Queue") ?? string.Empty, AmiFields.Text(m, "Interface") ?? string.Empty);
        var call = Find(e) ?? (_connected.TryGetValue(key, out var linkedId) ? Find(linkedId, e.ReceivedAt) : null);
        if (call is null)
        {
            return;
        }

        if (_connected.TryGetValue(key, out var connected) && connected == call.LinkedId)
        {
            _connected.Remove(key);
        }

        // Reason transfer: the agent passed the call on; it goes on and ends later.
        if (string.Equals(m["Reason"], "transfer", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        End(e, call, "completed", AgentLeg(m), _agents.AgentId(m) ?? call.AgentId,
            AmiFields.Attributes(("talkSeconds", m["TalkTime"]), ("queueWaitSeconds", m["HoldTime"]), ("endedBy", m["Reason"])));
    }

    private void Abandoned(Input e)
    {
        // A queue timeout is reported as QueueCallerAbandon too; only a caller hang-up seen before it tells them apart.
        if (Find(e) is not { } call)
        {
            return;
        }

        var m = e.Message;
        End(e, call, "abandoned", m["Uniqueid"], null, AmiFields.Attributes(
            ("queueWaitSeconds", m["HoldTime"]), ("position", m["Position"]), ("originalPosition", m["OriginalPosition"]),
            ("callerHungUp", call.CallerHungUp ? "true" : "false")));
    }

    private void HungUp(Input e)
    {
        var m = e.Message;
        if (Find(e) is not { } call || !call.IsCallerLeg(m["Uniqueid"]))
        {
            return;
        }

        call.CallerHungUp = true;
        if (call.InQueue)
        {
            // Still queued: QueueCallerAbandon follows and ends the call with its hold time.
            return;
        }

        var cause = AmiFields.Int(m, "Cause");
        End(e, call, AmiHangupCauses.Reason(cause, call.Answered), m["Uniqueid"], call.AgentId,
            AmiFields.Attributes(("hangupCause", cause?.ToString(CultureInfo.InvariantCulture)), ("hangupCauseText", AmiFields.Text(m, "Cause-txt"))));
    }

    private void Hold(Input e, bool held)
    {
        // Music on hold also plays to a caller waiting in the queue: only an answered call can be put on hold.
        if (Find(e) is not { Answered: true, InQueue: false } call || call.Held == held)
        {
            return;
        }

        call.Held = held;
        Emit(e, call, held ? EventTypes.CallHeld : EventTypes.CallResumed, e.Message["Uniqueid"], agentId: call.AgentId);
    }

    private void Transferred(Input e)
    {
        var m = e.Message;
        if (!string.Equals(m["Result"], "Success", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var call = new[] { "TransfereeLinkedid", "TransfererLinkedid", "OrigTransfererLinkedid", "SecondTransfererLinkedid", "TransferTargetLinkedid" }
            .Select(key => AmiFields.Text(m, key) is { } id ? Find(id, e.ReceivedAt) : null)
            .FirstOrDefault(found => found is not null);
        if (call is null)
        {
            return;
        }

        var target = m.Is("BlindTransfer")
            ? AmiFields.Text(m, "Extension")
            : AmiFields.Text(m, "SecondTransfererConnectedLineNum") ?? AmiFields.Text(m, "TransferTargetCallerIDNum")
              ?? AmiFields.Text(m, "SecondTransfererExten") ?? AmiFields.Text(m, "DestApp");
        call.Held = false;
        Emit(e, call, EventTypes.CallTransferred, AmiFields.Text(m, "TransfereeUniqueid") ?? call.LinkedId, agentId: call.AgentId,
            transferTo: target ?? "unknown", attributes: AmiFields.Attributes(("transferKind", m.Is("BlindTransfer") ? "blind" : "attended"), ("transferContext", AmiFields.Text(m, "Context"))));
    }

    /// <summary>The agent-side leg an Agent* event names: the member's channel, else its interface.</summary>
    private static string AgentLeg(AmiMessage m) => AmiFields.Text(m, "DestUniqueid") ?? AmiFields.Text(m, "Interface") ?? "-";

    /// <summary>A dialled number worth keeping: not the <c>s</c> (start) extension Local channels and IVRs use.</summary>
    private static string? DialledNumber(string? exten) => exten is null or "s" ? null : exten;

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private readonly record struct Input(AmiMessage Message, DateTimeOffset ReceivedAt, List<ContactCenterEvent> Output);
}
