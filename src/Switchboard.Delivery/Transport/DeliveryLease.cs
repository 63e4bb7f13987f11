using Switchboard.Delivery.Dispatch;

namespace Switchboard.Delivery.Transport;

/// <summary>A message taken from a target's queue; it stays in the queue (and comes back after a crash) until settled.</summary>
public abstract class DeliveryLease
{
    protected DeliveryLease(DeliveryMessage message, bool redelivered)
    {
        Message = message;
        Redelivered = redelivered;
    }

    public DeliveryMessage Message { get; }

    /// <summary>The transport knows this message may have been taken before (a RabbitMQ redelivery).</summary>
    public bool Redelivered { get; }

    /// <summary>
    /// Removes the message from the queue for good: it was delivered (and its key recorded as confirmed), or it was
    /// kept as a dead letter. Called once. Frees one place in the consumer's window.
    /// </summary>
    public abstract ValueTask SettleAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The target confirmed the message: records its key in <paramref name="keys"/>, durably, and then settles. A
    /// transport whose queue is a table of the hub's database does both in one transaction.
    /// </summary>
    public virtual async ValueTask ConfirmAsync(ConfirmedKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await keys.AddAsync(Message);
        await SettleAsync(cancellationToken);
    }
}
