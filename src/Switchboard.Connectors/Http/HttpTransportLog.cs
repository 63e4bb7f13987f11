using Microsoft.Extensions.Logging;

namespace Switchboard.Connectors.Http;

/// <summary>Log messages of the HTTP transport, event ids 7100–7199. URIs are logged with secrets replaced by ***.</summary>
internal static partial class HttpTransportLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Debug, Message = "{System} {Operation}: {Request} answered {Status} in {ElapsedMs} ms (attempt {Attempt})")]
    public static partial void Answered(ILogger logger, string system, string operation, string request, int status, long elapsedMs, int attempt);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "{System} {Operation}: {Request} failed (attempt {Attempt}): {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string system, string operation, string request, int attempt, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "{System} {Operation}: retrying in {DelayMs} ms (retry {Retry})")]
    public static partial void Retrying(ILogger logger, string system, string operation, long delayMs, int retry);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "{System}: the circuit opened after repeated failures; calls are refused for {BreakSeconds} s")]
    public static partial void CircuitOpened(ILogger logger, string system, double breakSeconds);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "{System}: the circuit closed; calls flow again")]
    public static partial void CircuitClosed(ILogger logger, string system);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "{System}: fetched an OAuth access token from {TokenUrl}, valid for {ExpiresInSeconds} s")]
    public static partial void TokenFetched(ILogger logger, string system, string tokenUrl, double expiresInSeconds);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "{System} {Operation}: the system answered 401; refreshing the OAuth token once and retrying")]
    public static partial void TokenRejected(ILogger logger, string system, string operation);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "{System}: refused the server certificate of {Host}: {Reason}")]
    public static partial void CertificateRefused(ILogger logger, string system, string host, string reason);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Warning, Message = "{System}: refused to connect to {Address}: {Reason}")]
    public static partial void AddressRefused(ILogger logger, string system, string address, string reason);
}
