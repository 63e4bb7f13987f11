using System.Collections.Concurrent;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// Wakes whoever waits for new outbox rows: a target's embedded queue reader, or the RabbitMQ relay (which waits on
/// <see cref="AnyTarget"/>). Notifying costs nothing when nobody waits; a notification before the wait is kept, so a
/// row committed just before the reader goes to sleep is never missed. Rows written by another hub process are found
/// by the readers' periodic look (every few seconds), since a signal cannot cross processes.
/// </summary>
public sealed class DeliverySignal
{
    /// <summary>The name the relay waits on: notified for every target.</summary>
    public const string AnyTarget = "*";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _waits = new(StringComparer.Ordinal);

    public void Notify(string target)
    {
        Release(target);
        Release(AnyTarget);
    }

    /// <summary>Completes when <paramref name="target"/> is notified (or was since the last wait), or after <paramref name="timeout"/>.</summary>
    /// <returns>True when notified.</returns>
    public Task<bool> WaitAsync(string target, TimeSpan timeout, CancellationToken ct) => Semaphore(target).WaitAsync(timeout, ct);

    private void Release(string target)
    {
        var semaphore = Semaphore(target);
        // At most one pending wake-up: many commits before the reader looks need one look, not many.
        lock (semaphore)
        {
            if (semaphore.CurrentCount == 0)
            {
                semaphore.Release();
            }
        }
    }

    private SemaphoreSlim Semaphore(string target) => _waits.GetOrAdd(target, static _ => new SemaphoreSlim(0, 1));
}
