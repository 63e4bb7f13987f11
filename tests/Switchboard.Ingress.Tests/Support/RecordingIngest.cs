using System.Collections.Concurrent;
using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Tests.Support;

/// <summary>An <see cref="IEventIngest"/> that de-duplicates by event id like the journal and keeps what it accepted.</summary>
public sealed class RecordingIngest : IEventIngest
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<ContactCenterEvent> _accepted = [];
    private int _duplicates;

    public IReadOnlyList<ContactCenterEvent> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    public int Duplicates => Volatile.Read(ref _duplicates);

    public ValueTask<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken)
    {
        var outcomes = new List<IngestOutcome>(events.Count);
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (_ids.Add(e.EventId))
                {
                    _accepted.Add(e);
                    outcomes.Add(IngestOutcome.Accepted);
                }
                else
                {
                    _duplicates++;
                    outcomes.Add(IngestOutcome.Duplicate);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IngestOutcome>>(outcomes);
    }

    /// <summary>Waits until an accepted event matches, and returns the accepted events then.</summary>
    public async Task<IReadOnlyList<ContactCenterEvent>> WaitForAsync(Func<ContactCenterEvent, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            var accepted = Accepted;
            if (accepted.Any(match))
            {
                return accepted;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The expected event was not ingested. Accepted: " + string.Join(", ", Accepted.Select(e => e.Type)));
    }
}
