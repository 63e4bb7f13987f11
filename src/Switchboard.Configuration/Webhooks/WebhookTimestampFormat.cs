namespace Switchboard.Configuration;

/// <summary>How a vendor writes a point in time.</summary>
public enum WebhookTimestampFormat
{
    /// <summary><c>2021-08-04T17:43:48Z</c>, with an offset or Z; a time without one is read as UTC.</summary>
    Iso8601,

    /// <summary><c>Mon, 16 Aug 2010 03:45:01 +0000</c> (RFC 1123 / RFC 2822, as Twilio writes <c>Timestamp</c>).</summary>
    Rfc1123,

    /// <summary>Seconds since 1970-01-01T00:00:00Z.</summary>
    EpochSeconds,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    EpochMillis,
}
