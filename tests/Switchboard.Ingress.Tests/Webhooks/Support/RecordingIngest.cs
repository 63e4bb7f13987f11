using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Tests.Webhooks.Support;

/// <summary>An <see cref="IEventIngest"/> that keeps what it is given and reports a repeated event id as a duplicate.</summary>
public sealed class RecordingIngest : IEventIngest
{
    private readonly Lock _gate = new();
    private readonly List<ContactCenterEvent> _events = [];

    public IReadOnlyList<ContactCenterEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var outcomes = new List<IngestOutcome>();
            foreach (var e in events)
            {
                var duplicate = _events.Any(known => known.EventId == e.EventId);
                if (!duplicate)
                {
                    _events.Add(e);
                }

                outcomes.Add(duplicate ? IngestOutcome.Duplicate : IngestOutcome.Accepted);
            }

            return ValueTask.FromResult<IReadOnlyList<IngestOutcome>>(outcomes);
        }
    }
}
