using Microsoft.Extensions.Logging;

namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>The RabbitMQ transport's log lines, event ids 8600–8629.</summary>
internal static partial class RabbitMqTransportLog
{
    [LoggerMessage(EventId = 8600, Level = LogLevel.Information, Message = "Delivery over RabbitMQ at {Broker}: exchange '{Exchange}', dead letters in '{DeadLetters}'")]
    public static partial void Started(this ILogger logger, string broker, string exchange, string deadLetters);

    [LoggerMessage(EventId = 8601, Level = LogLevel.Debug, Message = "Relay: {Count} outbox rows published to RabbitMQ, confirmed and deleted")]
    public static partial void Relayed(this ILogger logger, int count);

    [LoggerMessage(EventId = 8602, Level = LogLevel.Warning, Message = "Relay: cannot move the outbox to RabbitMQ, retrying with backoff (logged once until it recovers): {Reason}")]
    public static partial void RelayFailing(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 8603, Level = LogLevel.Debug, Message = "Relay: try {Try} failed, next in {DelayMs} ms: {Reason}")]
    public static partial void RelayStillFailing(this ILogger logger, int @try, double delayMs, string reason);

    [LoggerMessage(EventId = 8604, Level = LogLevel.Information, Message = "Relay: moving the outbox to RabbitMQ again after {Tries} failed tries")]
    public static partial void RelayRecovered(this ILogger logger, int tries);

    [LoggerMessage(EventId = 8605, Level = LogLevel.Warning, Message = "Relay: the broker refused message {MessageId} for target '{Target}' ({Why}); it stays in the outbox ({Kept} rows kept)")]
    public static partial void Refused(this ILogger logger, string messageId, string target, string why, int kept);

    [LoggerMessage(EventId = 8606, Level = LogLevel.Information, Message = "Consuming RabbitMQ queue '{Queue}' with a window of {Window}")]
    public static partial void Consuming(this ILogger logger, string queue, int window);

    [LoggerMessage(EventId = 8607, Level = LogLevel.Information, Message = "Stopped consuming RabbitMQ queue '{Queue}'; {Unsettled} unsettled messages go back to the queue")]
    public static partial void StoppedConsuming(this ILogger logger, string queue, long unsettled);

    [LoggerMessage(EventId = 8608, Level = LogLevel.Warning, Message = "A message in queue '{Queue}' (message id '{MessageId}') cannot be read and went to the dead-letter exchange '{DeadLetters}': {Reason}")]
    public static partial void Unreadable(this ILogger logger, string queue, string messageId, string deadLetters, string reason);

    [LoggerMessage(EventId = 8609, Level = LogLevel.Debug, Message = "Settling message {MessageId} from queue '{Queue}' found its channel closed; the broker delivers it again: {Reason}")]
    public static partial void SettleOnClosedChannel(this ILogger logger, string messageId, string queue, string reason);

    [LoggerMessage(EventId = 8610, Level = LogLevel.Warning, Message = "The broker closed the channel consuming queue '{Queue}': {Reason}")]
    public static partial void ConsumerClosed(this ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 8611, Level = LogLevel.Error, Message = "Relay stopped unexpectedly")]
    public static partial void RelayCrashed(this ILogger logger, Exception exception);
}
