using System.Globalization;
using Switchboard.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// The book of calls: opening a call at its first event, finding it by Linkedid, ending it, emitting its events with
/// deterministic ids, and forgetting ended and idle calls (bounded, whatever Asterisk sends).
/// </summary>
public sealed partial class AmiCallTracker
{
    /// <summary>Ended calls are remembered this long, so late or replayed events of them are recognised and ignored.</summary>
    public static readonly TimeSpan EndedRetention = TimeSpan.FromMinutes(15);

    /// <summary>A call with no event for this long is forgotten (its end was missed, e.g. while disconnected).</summary>
    public static readonly TimeSpan IdleRetention = TimeSpan.FromHours(12);

    private const int MaxCalls = 100_000;

    /// <summary>The open call an event names, created (with call.offered) at its first queue event.</summary>
    private AmiCall? Open(Input e)
    {
        var m = e.Message;
        if ((AmiFields.Text(m, "Linkedid") ?? AmiFields.Text(m, "Uniqueid")) is not { } linkedId)
        {
            return null;
        }

        if (_calls.TryGetValue(linkedId, out var known))
        {
            known.LastSeen = e.ReceivedAt;
            return known.Ended ? null : known;
        }

        if (_calls.Count >= MaxCalls)
        {
            return null;
        }

        var call = new AmiCall(linkedId)
        {
            From = AmiFields.Text(m, "CallerIDNum"),
            CallerName = AmiFields.Text(m, "CallerIDName"),
            To = _dialled.Remove(linkedId, out var dialled) ? dialled.Number : DialledNumber(AmiFields.Text(m, "Exten")),
            Queue = AmiFields.Text(m, "Queue"),
            LastSeen = e.ReceivedAt,
        };
        _calls[linkedId] = call;
        Emit(e, call, EventTypes.CallOffered, m["Uniqueid"], attributes: AmiFields.Attributes(("callerName", call.CallerName)));
        return call;
    }

    private AmiCall? Find(Input e) =>
        AmiFields.Text(e.Message, "Linkedid") is { } linkedId ? Find(linkedId, e.ReceivedAt) : null;

    private AmiCall? Find(string linkedId, DateTimeOffset receivedAt)
    {
        if (!_calls.TryGetValue(linkedId, out var call) || call.Ended)
        {
            return null;
        }

        call.LastSeen = receivedAt;
        return call;
    }

    private void End(Input e, AmiCall call, string reason, string? leg, string? agentId, IReadOnlyDictionary<string, string> attributes)
    {
        call.Ended = true;
        call.InQueue = false;
        foreach (var key in _connected.Where(entry => entry.Value == call.LinkedId).Select(entry => entry.Key).ToList())
        {
            _connected.Remove(key);
        }

        Emit(e, call, EventTypes.CallEnded, leg, agentId: agentId, reason: reason, attributes: attributes);
    }

    private void Emit(Input e, AmiCall call, string type, string? leg, string? agentId = null, string? reason = null,
        string? transferTo = null, IReadOnlyDictionary<string, string>? attributes = null) =>
        e.Output.Add(new ContactCenterEvent
        {
            EventId = AmiEventIds.For(SystemName, call.LinkedId, e.Message, leg ?? "-", type),
            Type = type,
            OccurredAt = AmiFields.OccurredAt(e.Message, e.ReceivedAt),
            CallId = call.LinkedId,
            AgentId = agentId,
            Direction = call.Direction,
            From = call.From,
            To = call.To,
            Queue = call.Queue,
            Reason = reason,
            TransferTo = transferTo,
            Attributes = attributes ?? AmiFields.NoAttributes,
            Source = Source,
        });

    private void Purge(DateTimeOffset now)
    {
        if (now - _lastPurge < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastPurge = now;
        foreach (var call in _calls.Values.Where(c => now - c.LastSeen > (c.Ended ? EndedRetention : IdleRetention)).ToList())
        {
            _calls.Remove(call.LinkedId);
        }

        foreach (var linkedId in _dialled.Where(entry => now - entry.Value.At > EndedRetention).Select(entry => entry.Key).ToList())
        {
            _dialled.Remove(linkedId);
        }

        foreach (var channelId in _originated.Where(entry => now - entry.Value.At > EndedRetention).Select(entry => entry.Key).ToList())
        {
            _originated.Remove(channelId);
        }

        foreach (var key in _connected.Where(entry => !_calls.ContainsKey(entry.Value)).Select(entry => entry.Key).ToList())
        {
            _connected.Remove(key);
        }
    }
}
