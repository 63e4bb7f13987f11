namespace Switchboard.Connectors.Amqp;

/// <summary>A message taken from a queue, copied out of the client's buffers.</summary>
internal sealed record AmqpMessage(ulong DeliveryTag, string Body, string? MessageId, string? ContentType)
{
    /// <summary>How errors name the message: its id, or its delivery tag when it has none.</summary>
    public string Label => MessageId is { Length: > 0 } id ? $"message '{id}'" : $"message without an id (delivery tag {DeliveryTag})";
}
