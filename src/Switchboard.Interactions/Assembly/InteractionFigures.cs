using Switchboard.Core.Events;
using Switchboard.Core.Interactions;

namespace Switchboard.Interactions.Assembly;

/// <summary>
/// The durations supervisors ask about, computed from the timeline (seconds; null when the call never
/// reached that stage), and the chain of transfers in order.
/// </summary>
public sealed record InteractionFigures(
    double? QueueWaitSeconds,
    double? RingSeconds,
    double? TalkSeconds,
    double? HoldSeconds,
    double? WrapUpSeconds,
    IReadOnlyList<string> Transfers)
{
    public static InteractionFigures From(Interaction interaction)
    {
        var timeline = interaction.Timeline.InOrder().ToList();
        DateTimeOffset? First(string type) => timeline.FirstOrDefault(e => e.Type == type)?.OccurredAt;

        var queued = First(EventTypes.CallQueued);
        var ringing = First(EventTypes.CallRinging);
        var answered = interaction.AnsweredAt ?? First(EventTypes.CallAnswered);
        var ended = interaction.EndedAt ?? First(EventTypes.CallEnded);
        var completed = interaction.CompletedAt;

        var hold = TimeSpan.Zero;
        DateTimeOffset? heldSince = null;
        foreach (var e in timeline)
        {
            if (e.Type == EventTypes.CallHeld && heldSince is null)
            {
                heldSince = e.OccurredAt;
            }
            else if (e.Type is EventTypes.CallResumed or EventTypes.CallEnded && heldSince is { } since)
            {
                hold += e.OccurredAt - since;
                heldSince = null;
            }
        }

        var queueLeft = ringing ?? answered ?? ended;
        return new InteractionFigures(
            QueueWaitSeconds: Seconds(queued, queueLeft),
            RingSeconds: Seconds(ringing, answered),
            TalkSeconds: answered is null || ended is null ? null : Math.Max(0, ((ended.Value - answered.Value) - hold).TotalSeconds),
            HoldSeconds: timeline.Any(e => e.Type == EventTypes.CallHeld) ? hold.TotalSeconds : null,
            WrapUpSeconds: Seconds(ended, completed),
            Transfers: [.. timeline.Where(e => e.Type == EventTypes.CallTransferred).Select(e => e.Get("transferTo") ?? "?")]);
    }

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } f && to is { } t && t >= f ? (t - f).TotalSeconds : null;
}
