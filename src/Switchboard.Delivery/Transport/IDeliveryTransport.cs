namespace Switchboard.Delivery.Transport;

/// <summary>
/// Where messages wait for their target: the embedded queue (the outbox table itself) or RabbitMQ (a quorum queue
/// per target, fed from the outbox by a relay). The dispatcher above it is the same for both: it orders by record,
/// calls the target, retries, and settles each lease when the message is delivered or kept as a dead letter.
/// </summary>
public interface IDeliveryTransport : IAsyncDisposable
{
    /// <summary><c>embedded</c> or <c>rabbitmq</c>, for logs, metrics and the status API.</summary>
    string Name { get; }

    /// <summary>Connects and declares what it needs (queues, the relay); called once before <see cref="ConsumeAsync"/>.</summary>
    /// <exception cref="DeliveryTransportException">The broker cannot be reached or refused the topology.</exception>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The target's messages in queue order (which is outbox order), each exactly once per consumer run: a message
    /// leased and not settled is leased again only after a restart (or, with RabbitMQ, when the consumer's connection
    /// drops). At most <paramref name="window"/> leases are unsettled at a time: the enumeration waits for a settle.
    /// Idle, it waits for <see cref="Outbox.DeliverySignal"/> and yields at once when a message arrives. Ends when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<DeliveryLease> ConsumeAsync(string target, int window, CancellationToken cancellationToken);

    /// <summary>Messages for <paramref name="target"/> not yet settled (waiting or in flight): the queue depth.</summary>
    Task<long> CountPendingAsync(string target, CancellationToken cancellationToken);
}
