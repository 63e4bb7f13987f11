using Switchboard.Core.Events;
using Switchboard.Core.Interactions;
using Switchboard.Interactions.Assembly;
using Switchboard.ScreenPop;
using Switchboard.ScreenPop.Remembered;
using Switchboard.Storage.Stores;

namespace Switchboard.Desktop.Pops;

/// <summary>
/// A call's pop as this hub process holds it. With several processes behind a load balancer, the call's ringing event
/// may have reached another one, which ran the pop and holds it; the agent's desktop then asks this one. The pop is
/// run here again, as the call's last offered or ringing event (from its interaction's timeline) asked for it: the
/// number's remembered pick (in the database) makes it open on the customer the agent chose there. A pop held here
/// that is still waiting for a pick the agent made on another process takes that pick.
/// </summary>
public sealed class HeldPops(ScreenPopEngine engine, InteractionStore interactions, RememberedPicks picks)
{
    /// <summary>The call's latest pop, run here first when this process holds none; null when the hub knows no such call.</summary>
    public async Task<ScreenPopView?> LatestAsync(string callId, CancellationToken ct)
    {
        if (engine.Latest(callId) is { } held)
        {
            // Several people share the number and the agent picked one of them for this call, on another process.
            if (held.Match == PopMatch.Multiple && held.CallerNumber is { } number
                && await picks.FindAsync(number, ct).ConfigureAwait(false) is { } pick && pick.CallId == callId
                && held.Candidates.Any(c => c.Key == pick.CandidateKey))
            {
                return await engine.PickAsync(callId, pick.CandidateKey, ct).LastOrDefaultAsync(ct).ConfigureAwait(false) ?? held;
            }

            return held;
        }

        var interaction = await interactions.FindByCallIdAsync(callId, ct).ConfigureAwait(false);
        if (interaction is null || RequestFor(interaction) is not { } request)
        {
            return null;
        }

        return await engine.RunAsync(request, ct).LastOrDefaultAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The pop the call's last offered or ringing event asked for, as <see cref="PopDispatcher.RequestFor"/> made it.</summary>
    internal static PopRequest? RequestFor(Interaction interaction)
    {
        var asked = interaction.Timeline.InOrder().LastOrDefault(e => e.Type is EventTypes.CallOffered or EventTypes.CallRinging);
        if (asked is null)
        {
            return null;
        }

        return PopDispatcher.RequestFor(new ContactCenterEvent
        {
            EventId = asked.EventId,
            Type = asked.Type,
            OccurredAt = asked.OccurredAt,
            CallId = interaction.CallId,
            AgentId = asked.AgentId,
            Direction = asked.Get("direction"),
            From = asked.Get("from"),
            To = asked.Get("to"),
            Queue = asked.Get("queue"),
            Attributes = asked.Attributes(),
        });
    }
}
