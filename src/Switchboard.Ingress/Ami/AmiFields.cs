using System.Collections.Frozen;
using System.Globalization;

namespace Switchboard.Ingress.Ami;

/// <summary>Reading AMI values the way Asterisk writes them.</summary>
internal static class AmiFields
{
    public static readonly IReadOnlyDictionary<string, string> NoAttributes = FrozenDictionary<string, string>.Empty;

    /// <summary>The value, or null when absent, empty or <c>&lt;unknown&gt;</c> (how Asterisk writes an unset value).</summary>
    public static string? Text(AmiMessage message, string key) =>
        message[key] is { } value && value.Length > 0 && value != "<unknown>" ? value : null;

    public static int? Int(AmiMessage message, string key) =>
        int.TryParse(message[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>True for <c>1</c>, <c>true</c> or <c>yes</c>.</summary>
    public static bool Flag(AmiMessage message, string key) =>
        message[key] is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// When the event happened: the <c>Timestamp</c> (epoch seconds with microseconds, sent when
    /// manager.conf has timestampevents = yes), else when it was received.
    /// </summary>
    public static DateTimeOffset OccurredAt(AmiMessage message, DateTimeOffset receivedAt) =>
        TryParseTimestamp(message["Timestamp"], out var at) ? at : receivedAt;

    public static bool TryParseTimestamp(string? text, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var wholePart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        if (!long.TryParse(wholePart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || fraction.Length > 9 || (fraction.Length > 0 && !fraction.All(char.IsAsciiDigit)))
        {
            return false;
        }

        // Ticks are 100 ns: keep seven fractional digits.
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        at = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
        return true;
    }

    /// <summary>Event attributes from the values that are set (empty and <c>&lt;unknown&gt;</c> are left out).</summary>
    public static IReadOnlyDictionary<string, string> Attributes(params (string Key, string? Value)[] values)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrEmpty(value) && value != "<unknown>")
            {
                attributes[key] = value;
            }
        }

        return attributes.Count == 0 ? NoAttributes : attributes.AsReadOnly();
    }
}
