namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>A delivery from a target's queue; settling acknowledges it on the channel it came from.</summary>
internal sealed class RabbitMqLease(DeliveryMessage message, bool redelivered, RabbitMqConsumer consumer, ulong deliveryTag)
    : DeliveryLease(message, redelivered)
{
    private int _settled;

    public ulong DeliveryTag => deliveryTag;

    public override ValueTask SettleAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _settled, 1) == 0 ? consumer.SettleAsync(this, cancellationToken) : ValueTask.CompletedTask;
}
