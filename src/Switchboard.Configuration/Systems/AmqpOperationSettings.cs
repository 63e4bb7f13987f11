namespace Switchboard.Configuration;

/// <summary>
/// The <c>amqp</c> section of an operation: either publish the body to <see cref="Exchange"/> with
/// <see cref="RoutingKey"/> (publisher confirms, persistent), or consume <see cref="Queue"/> as a source of changes.
/// </summary>
public sealed record AmqpOperationSettings
{
    /// <summary>Publish: the exchange ("" is the default exchange).</summary>
    public string? Exchange { get; init; }

    /// <summary>Publish: a template for the routing key.</summary>
    public string? RoutingKey { get; init; }

    /// <summary>Consume: the queue whose messages are the operation's results (each body mapped by the response mapping).</summary>
    public string? Queue { get; init; }

    public bool IsPublish => Queue is null;
}
