using Switchboard.Core.Events;
using Switchboard.Core.Interactions;
using Switchboard.Core.Phones;

namespace Switchboard.Interactions.Assembly;

/// <summary>
/// Computes an interaction from its whole timeline, in occurrence order. Folding from the full
/// timeline every time (not patching the last state) is what makes late, out-of-order events land
/// where they belong: the result depends only on the set of events, not on their arrival order.
/// </summary>
public sealed class InteractionFolder(PhoneNormalizer phones)
{
    private static readonly HashSet<string> MissedReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        "abandoned", "no-answer", "noanswer", "busy", "canceled", "cancelled", "failed", "timeout", "missed",
    };

    public Interaction Fold(string id, string callId, IEnumerable<InteractionEvent> events, string? customerId)
    {
        var timeline = events.InOrder().ToList();
        var agents = new List<string>();
        var result = new Interaction { Id = id, CallId = callId, CustomerId = customerId, Timeline = timeline };
        if (timeline.Count == 0)
        {
            return result;
        }

        result = result with { StartedAt = timeline[0].OccurredAt };
        foreach (var e in timeline)
        {
            if (e.AgentId is { } agent && !agents.Contains(agent, StringComparer.Ordinal)
                && e.Type is EventTypes.CallRinging or EventTypes.CallAnswered or EventTypes.CallConferenced or EventTypes.CallTransferred)
            {
                agents.Add(agent);
            }

            result = Apply(result, e);
        }

        return result with { AgentIds = agents };
    }

    private Interaction Apply(Interaction i, InteractionEvent e)
    {
        i = WithCallFields(i, e);
        return e.Type switch
        {
            EventTypes.CallOffered => i with { State = Later(i.State, InteractionState.Offered) },
            EventTypes.CallQueued => i with { State = Later(i.State, InteractionState.Queued) },
            EventTypes.CallRinging => i with { State = Later(i.State, InteractionState.Ringing) },
            EventTypes.CallAnswered => i with { State = Later(i.State, InteractionState.Connected), AnsweredAt = i.AnsweredAt ?? e.OccurredAt },
            EventTypes.CallHeld when !IsOver(i.State) => i with { State = InteractionState.OnHold },
            EventTypes.CallResumed when i.State == InteractionState.OnHold => i with { State = InteractionState.Connected },
            EventTypes.CallEnded => i with
            {
                EndedAt = i.EndedAt ?? e.OccurredAt,
                State = i.State == InteractionState.Completed ? i.State
                    : i.AnsweredAt is null && (e.Get("reason") is not { } reason || MissedReasons.Contains(reason)) ? InteractionState.Abandoned
                    : InteractionState.Ended,
            },
            EventTypes.CallWrapUpCompleted => i with
            {
                CompletedAt = e.OccurredAt,
                State = i.State == InteractionState.Abandoned ? i.State : InteractionState.Completed,
            },
            _ => i,
        };
    }

    private Interaction WithCallFields(Interaction i, InteractionEvent e)
    {
        if (e.Get("from") is { } from && i.CallerNumberRaw is null)
        {
            var normalized = phones.Normalize(from);
            i = i with { CallerNumberRaw = from, CallerNumber = normalized.E164 };
        }

        if (e.Get("direction") is { } direction)
        {
            i = i with
            {
                Direction = direction switch
                {
                    "outbound" => CallDirection.Outbound,
                    "internal" => CallDirection.Internal,
                    _ => CallDirection.Inbound,
                },
            };
        }

        return i with
        {
            CalledNumber = e.Get("to") ?? i.CalledNumber,
            Queue = e.Get("queue") ?? i.Queue,
            Disposition = e.Get("disposition") ?? i.Disposition,
            Notes = e.Get("notes") ?? i.Notes,
            RecordingUrl = e.Get("recordingUrl") ?? i.RecordingUrl,
        };
    }

    // A call never moves back from a later stage because of an event that is earlier in its life.
    private static InteractionState Later(InteractionState current, InteractionState next) =>
        IsOver(current) || Rank(current) > Rank(next) ? current : next;

    private static bool IsOver(InteractionState state) =>
        state is InteractionState.Ended or InteractionState.Abandoned or InteractionState.WrapUp or InteractionState.Completed;

    private static int Rank(InteractionState state) => state switch
    {
        InteractionState.Offered => 0,
        InteractionState.Queued => 1,
        InteractionState.Ringing => 2,
        InteractionState.Connected or InteractionState.OnHold => 3,
        _ => 4,
    };
}
