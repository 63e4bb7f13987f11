using Microsoft.Extensions.Logging;

namespace Switchboard.Connectors.Amqp;

internal static partial class AmqpConnectorLog
{
    [LoggerMessage(EventId = 7300, Level = LogLevel.Debug, Message = "{System} {Operation}: published to exchange '{Exchange}' with routing key '{RoutingKey}', confirmed in {ElapsedMs:F1} ms")]
    public static partial void Published(this ILogger logger, string system, string operation, string exchange, string routingKey, double elapsedMs);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Debug, Message = "{System} {Operation}: took {Messages} messages from queue '{Queue}'")]
    public static partial void Drained(this ILogger logger, string system, string operation, int messages, string queue);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "{System} {Operation}: {Label} from queue '{Queue}' does not map and was rejected without requeue (to the dead-letter exchange, if the queue has one): {Reason}")]
    public static partial void Rejected(this ILogger logger, string system, string operation, string label, string queue, string reason);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "{System} {Operation}: {Kind}: {Reason}")]
    public static partial void Failed(this ILogger logger, string system, string operation, ConnectorFailureKind kind, string reason);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Information, Message = "{System} {Operation}: consuming queue '{Queue}'")]
    public static partial void Consuming(this ILogger logger, string system, string operation, string queue);
}
