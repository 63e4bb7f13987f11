namespace Switchboard.Connectors.Amqp;

/// <summary>Connecting to the broker failed; the connector turns it into a <see cref="ConnectorException"/> naming the operation.</summary>
internal sealed class AmqpConnectException(ConnectorFailureKind kind, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public ConnectorFailureKind Kind { get; } = kind;
}
