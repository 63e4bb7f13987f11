using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Templates;

namespace Switchboard.Mapping.Responses;

/// <summary>
/// Turns a source value into the canonical JSON value a field's <see cref="ValueKind"/> asks for,
/// accepting what real systems send: numbers as strings, "yes"/"no", epoch seconds, local times.
/// </summary>
internal sealed class ValueConverter(PhoneNormalizer phones)
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> TimeZones = new(StringComparer.OrdinalIgnoreCase);

    private const NumberStyles DecimalStyle =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign
        | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The canonical value, or null when the value stands for "none" (a withheld phone number).</summary>
    public JsonNode? Convert(FieldMapping field, JToken value)
    {
        if (field.Type != ValueKind.Auto && value is JContainer)
        {
            throw new ConversionException(value is JArray ? "is a list, not a single value" : "is an object, not a single value");
        }

        return field.Type switch
        {
            ValueKind.String => JsonValue.Create(ResponseDocument.TokenText(value)),
            ValueKind.Integer => ToInteger(value),
            ValueKind.Decimal => JsonValue.Create(ToDecimal(value) ?? throw new ConversionException("is not a decimal number")),
            ValueKind.Boolean => JsonValue.Create(ToBoolean(value)),
            ValueKind.DateTime => JsonValue.Create(TemplateDates.ToIso8601(ReadDate(field, value, out _))),
            ValueKind.Date => JsonValue.Create(ReadDateOnly(field, value)),
            ValueKind.Phone => ToPhone(value),
            _ => ToAuto(value),
        };
    }

    /// <summary>Blank text counts as no value for every type that is not text.</summary>
    public static bool IsNone(FieldMapping field, JToken? value) =>
        value is null
        || value.Type == JTokenType.Null
        || (field.Type is not (ValueKind.Auto or ValueKind.String)
            && value.Type == JTokenType.String
            && string.IsNullOrWhiteSpace((string?)value));

    private static JsonNode? ToAuto(JToken value) => value switch
    {
        JValue { Type: JTokenType.String } text => JsonValue.Create((string)text.Value!),
        _ => JsonNode.Parse(value.ToString(Formatting.None)),
    };

    private static JsonNode ToInteger(JToken value)
    {
        switch (value)
        {
            case JValue { Value: long whole }:
                return JsonValue.Create(whole);
            case JValue { Value: BigInteger }:
                throw new ConversionException("is too large for a whole number");
            case JValue { Type: JTokenType.Boolean }:
                throw new ConversionException("is not a whole number");
        }

        var text = ResponseDocument.TokenText(value).Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return JsonValue.Create(parsed);
        }

        // "42.0" and 4.2e1 are whole numbers written another way.
        if (decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number))
        {
            return number is >= long.MinValue and <= long.MaxValue
                ? JsonValue.Create((long)number)
                : throw new ConversionException("is too large for a whole number");
        }

        throw new ConversionException("is not a whole number");
    }

    private static decimal? ToDecimal(JToken value) => value switch
    {
        JValue { Value: decimal number } => number,
        JValue { Value: long whole } => whole,
        JValue { Value: double real } when Math.Abs(real) < 7.9e28 => (decimal)real,
        JValue { Type: JTokenType.String } text
            when decimal.TryParse((string)text.Value!, DecimalStyle, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static bool ToBoolean(JToken value)
    {
        if (value is JValue { Value: bool flag })
        {
            return flag;
        }

        return ResponseDocument.TokenText(value).Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "Y" => true,
            "FALSE" or "0" or "NO" or "N" => false,
            _ => throw new ConversionException("is not a boolean (true/false, 1/0 or yes/no)"),
        };
    }

    private JsonNode? ToPhone(JToken value)
    {
        if (value is JValue { Type: JTokenType.Boolean })
        {
            throw new ConversionException("is not a phone number");
        }

        var result = phones.Normalize(ResponseDocument.TokenText(value));
        return result.Status switch
        {
            PhoneNormalizationStatus.Valid => JsonValue.Create(result.E164),
            PhoneNormalizationStatus.Withheld => null,
            _ => throw new ConversionException(result.Error ?? "is not a phone number"),
        };
    }

    private static string ReadDateOnly(FieldMapping field, JToken value)
    {
        // The calendar date as the source wrote it (its own offset), or in the field's time zone for epochs.
        ReadDate(field, value, out var wallClock);
        return wallClock.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset ReadDate(FieldMapping field, JToken value, out DateTime wallClock)
    {
        var format = string.IsNullOrWhiteSpace(field.Format) ? "iso" : field.Format.Trim();
        var zone = ResolveTimeZone(field.TimeZone);
        // Made only when thrown: every date a mapping read used to allocate it, message and all.
        ConversionException NotADate() => new($"is not a date in the format {format}");

        if (format.Equals("epochSeconds", StringComparison.OrdinalIgnoreCase) || format.Equals("epochMillis", StringComparison.OrdinalIgnoreCase))
        {
            var number = ToDecimal(value) ?? throw NotADate();
            var millis = format.Equals("epochSeconds", StringComparison.OrdinalIgnoreCase) ? number * 1000 : number;
            if (millis < -62_135_596_800_000m || millis > 253_402_300_799_999m)
            {
                throw NotADate();
            }

            var instant = DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Truncate(millis));
            wallClock = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
            return instant;
        }

        if (value.Type != JTokenType.String)
        {
            throw NotADate();
        }

        var text = ((string)value!).Trim();
        string[] formats = format.Equals("iso", StringComparison.OrdinalIgnoreCase) ? IsoFormats : [format];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw NotADate();
        }

        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            // The text carries its offset: the instant is fixed, the wall clock is the source's own.
            if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
            {
                throw NotADate();
            }

            wallClock = withOffset.DateTime;
            return withOffset;
        }

        if (zone.IsInvalidTime(parsed))
        {
            throw new ConversionException($"is a local time that does not exist in {zone.Id} (the clocks skip it)");
        }

        wallClock = parsed;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(parsed, zone), TimeSpan.Zero);
    }

    private static TimeZoneInfo ResolveTimeZone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return TimeZoneInfo.Utc;
        }

        var zone = TimeZones.GetOrAdd(name.Trim(), static id =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return null;
            }
        });
        return zone ?? throw new ConversionException($"cannot be read in the time zone '{name}', which is not an IANA time zone this machine knows (for example Europe/Berlin)");
    }
}
