using Microsoft.Extensions.Logging;

namespace Switchboard.Connectors.Sql;

internal static partial class SqlConnectorLog
{
    [LoggerMessage(EventId = 7400, Level = LogLevel.Debug, Message = "{System} {Operation}: {Verb} returned {Rows} rows in {ElapsedMs:F1} ms")]
    public static partial void Executed(this ILogger logger, string system, string operation, string verb, int rows, double elapsedMs);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "{System} {Operation}: {Verb} failed ({Kind}): {Reason}")]
    public static partial void Failed(this ILogger logger, string system, string operation, string verb, ConnectorFailureKind kind, string reason);
}
