using Microsoft.Extensions.Logging;

namespace Switchboard.Ingress.Webhooks;

/// <summary>Webhook log messages, event ids 4200-4299. Secrets are never logged; a secret reference names only its variable or file.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "Webhook {Webhook}: event {EventId} ({Type}) {Outcome}")]
    public static partial void Ingested(ILogger logger, string webhook, string eventId, string type, string outcome);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Webhook {Webhook}: signature {Verdict} on a request from {RemoteAddress}; nothing was changed")]
    public static partial void BadSignature(ILogger logger, string webhook, string verdict, string? remoteAddress);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Webhook {Webhook}: signed timestamp '{Timestamp}' is {Reason} (tolerance {ToleranceSeconds} s); possible replay, nothing was changed")]
    public static partial void Stale(ILogger logger, string webhook, string? timestamp, string reason, int toleranceSeconds);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Webhook {Webhook}: no rule matches the payload; acknowledged and ignored")]
    public static partial void Ignored(ILogger logger, string webhook);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Webhook {Webhook}: rule {Rule} ({Type}) matched, but {Field} {Reason}")]
    public static partial void Unmappable(ILogger logger, string webhook, int rule, string type, string field, string reason);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Webhook {Webhook}: event {EventId} is invalid: {Errors}")]
    public static partial void Invalid(ILogger logger, string webhook, string eventId, string errors);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Error, Message = "Webhook {Webhook}: the signature secret {Reference} cannot be read: {Reason}")]
    public static partial void SecretUnavailable(ILogger logger, string webhook, string reference, string reason);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Debug, Message = "No webhook named '{Name}' is served")]
    public static partial void Unknown(ILogger logger, string name);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Warning, Message = "Webhook {Webhook}: malformed request: {Reason}")]
    public static partial void Malformed(ILogger logger, string webhook, string reason);

    [LoggerMessage(EventId = 4209, Level = LogLevel.Information, Message = "Webhook {Webhook} (shadow): event {EventId} ({Type}) verified and valid; not ingested")]
    public static partial void Shadow(ILogger logger, string webhook, string eventId, string type);
}
