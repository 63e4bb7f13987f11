using System.Globalization;

namespace Switchboard.Mapping.Templates;

/// <summary>The one way the hub writes an instant: ISO 8601 in UTC, fractions only when there are any.</summary>
internal static class TemplateDates
{
    public static string ToIso8601(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
