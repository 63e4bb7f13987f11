using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Desktop.Pops;

/// <summary>
/// Wraps the event journal: once an offered or ringing call event is durably accepted (not a
/// duplicate), its screen pop is queued. Ingest never waits for the pop.
/// </summary>
public sealed class ScreenPopTrigger(IEventIngest inner, PopDispatcher dispatcher) : IEventIngest
{
    public async ValueTask<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = await inner.IngestAsync(events, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < events.Count; i++)
        {
            if (outcomes[i] == IngestOutcome.Accepted && events[i].Type is EventTypes.CallOffered or EventTypes.CallRinging && events[i].CallId is not null)
            {
                dispatcher.Enqueue(events[i]);
            }
        }

        return outcomes;
    }
}
