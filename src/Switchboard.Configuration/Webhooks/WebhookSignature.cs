namespace Switchboard.Configuration;

/// <summary>The <c>signature</c> section of a webhook: how its requests prove they come from the vendor.</summary>
public sealed record WebhookSignature
{
    public const string DefaultTwilioHeader = "X-Twilio-Signature";
    public const string DefaultHmacHeader = "X-Signature";
    public const string DefaultTemplate = "{timestamp}.{body}";
    public const int DefaultToleranceSeconds = 300;
    public const int MinToleranceSeconds = 1;
    public const int MaxToleranceSeconds = 86_400;

    public required SignatureScheme Scheme { get; init; }

    /// <summary>The shared secret (Twilio: the auth token), resolved on each request so a rotated secret applies at once.</summary>
    public required SecretReference Secret { get; init; }

    /// <summary>The request header that carries the signature.</summary>
    public required string Header { get; init; }

    /// <summary>A request header holding the time the request was signed; or null.</summary>
    public string? TimestampHeader { get; init; }

    /// <summary>A payload field holding the time the request was signed (Twilio's <c>Timestamp</c>); or null.</summary>
    public string? TimestampField { get; init; }

    /// <summary>How the timestamp is written: epochSeconds for a header, the webhook's timestampFormat for a field, unless given.</summary>
    public WebhookTimestampFormat TimestampFormat { get; init; } = WebhookTimestampFormat.EpochSeconds;

    /// <summary>The replay window: a signed request older, or further in the future, than this is refused.</summary>
    public int ToleranceSeconds { get; init; } = DefaultToleranceSeconds;

    /// <summary>
    /// The URL the vendor calls and signs, exactly as configured at the vendor (kept as text: Twilio signs
    /// the characters, not a normalized URI); behind a proxy it differs from the URL the hub sees. Null: the request's URL.
    /// </summary>
    public string? PublicUrl { get; init; }

    /// <summary>hmac-sha256: what is signed, with <c>{timestamp}</c>, <c>{body}</c> (the raw body) and <c>{url}</c>.</summary>
    public string Template { get; init; } = DefaultTemplate;

    /// <summary>hmac-sha256: how the HMAC is written.</summary>
    public SignatureEncoding Encoding { get; init; } = SignatureEncoding.Hex;

    /// <summary>hmac-sha256: text before the HMAC in the header (<c>sha256=</c>), removed before comparing.</summary>
    public string? Prefix { get; init; }

    /// <summary>True when a timestamp is read and checked against <see cref="ToleranceSeconds"/>.</summary>
    public bool HasTimestamp => TimestampHeader is not null || TimestampField is not null;
}
