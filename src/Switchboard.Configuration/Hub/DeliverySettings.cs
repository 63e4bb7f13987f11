namespace Switchboard.Configuration;

/// <summary>The <c>delivery</c> section of switchboard.yaml: how messages to other systems are queued and retried. Read at start.</summary>
public sealed record DeliverySettings
{
    public const int MaxWindow = 10_000;

    public DeliveryTransport Transport { get; init; } = DeliveryTransport.Embedded;

    /// <summary>Present when the file has a <c>delivery.rabbitmq</c> section; required when <see cref="Transport"/> is RabbitMQ.</summary>
    public RabbitMqDeliverySettings? RabbitMq { get; init; }

    public DeliveryRetrySettings Retry { get; init; } = new();

    /// <summary>
    /// Messages taken from one target's queue and not yet settled (in flight, or waiting for a retry). Different
    /// records are sent in parallel up to the system's <c>concurrency</c>; the window lets later records pass one
    /// that waits for a retry.
    /// </summary>
    public int Window { get; init; } = 256;

    /// <summary>How long the idempotency keys of delivered messages are kept to refuse a second delivery.</summary>
    public int ConfirmedRetentionDays { get; init; } = 7;
}
