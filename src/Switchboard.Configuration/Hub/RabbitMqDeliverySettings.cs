namespace Switchboard.Configuration;

/// <summary>The <c>delivery.rabbitmq</c> section: the broker the RabbitMQ transport uses.</summary>
public sealed record RabbitMqDeliverySettings
{
    /// <summary>An <c>amqp://</c> or <c>amqps://</c> URI; it carries a password, so it is always a reference.</summary>
    public required SecretReference ConnectionString { get; init; }

    /// <summary>Prefix of the exchanges and queues the hub declares.</summary>
    public string QueuePrefix { get; init; } = "switchboard.delivery";
}
