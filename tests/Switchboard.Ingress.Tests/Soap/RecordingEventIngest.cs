using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Tests.Soap;

/// <summary>An <see cref="IEventIngest"/> that keeps what it is given and reports a repeated event id as duplicate.</summary>
public sealed class RecordingEventIngest : IEventIngest
{
    private readonly Lock _gate = new();
    private readonly List<ContactCenterEvent> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

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
            var outcomes = new List<IngestOutcome>(events.Count);
            foreach (var e in events)
            {
                if (_ids.Add(e.EventId))
                {
                    _events.Add(e);
                    outcomes.Add(IngestOutcome.Accepted);
                }
                else
                {
                    outcomes.Add(IngestOutcome.Duplicate);
                }
            }

            return ValueTask.FromResult<IReadOnlyList<IngestOutcome>>(outcomes);
        }
    }
}
