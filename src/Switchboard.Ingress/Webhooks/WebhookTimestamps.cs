using System.Globalization;
using Switchboard.Configuration;

namespace Switchboard.Ingress.Webhooks;

/// <summary>Reads a vendor's timestamp in one of the <see cref="WebhookTimestampFormat"/>s.</summary>
public static class WebhookTimestamps
{
    // RFC 1123 as .NET writes it ("r", GMT) and RFC 2822 with a numeric offset, as Twilio sends Timestamp.
    private static readonly string[] Rfc1123Formats =
    [
        "r", "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss zzz",
    ];

    public static bool TryParse(string? text, WebhookTimestampFormat format, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        switch (format)
        {
            case WebhookTimestampFormat.Iso8601:
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
            case WebhookTimestampFormat.Rfc1123:
                // .NET's zzz wants "+00:00"; RFC 2822 writes "+0000".
                var withColon = text.Length > 5 && (text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]) ? $"{text[..^2]}:{text[^2..]}" : text;
                return DateTimeOffset.TryParseExact(withColon, Rfc1123Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
            case WebhookTimestampFormat.EpochSeconds:
                if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800m)
                {
                    value = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m));
                    return true;
                }

                return false;
            case WebhookTimestampFormat.EpochMillis:
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) && millis < 253_402_300_800_000L)
                {
                    value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>How the format is spelt in YAML, for messages.</summary>
    public static string NameOf(WebhookTimestampFormat format) => format switch
    {
        WebhookTimestampFormat.Rfc1123 => "rfc1123",
        WebhookTimestampFormat.EpochSeconds => "epochSeconds",
        WebhookTimestampFormat.EpochMillis => "epochMillis",
        _ => "iso8601",
    };
}
