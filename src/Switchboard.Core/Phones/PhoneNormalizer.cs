using System.Collections.Concurrent;
using System.Collections.Frozen;
using PhoneNumbers;

namespace Switchboard.Core.Phones;

/// <summary>
/// Turns phone numbers in any common notation into E.164 with Google's libphonenumber:
/// national (<c>(415) 555-0123</c>, <c>020 7946 0958</c>), international (<c>+44 20 7946 0958</c>,
/// <c>0044 20 ...</c> from a region whose exit code is 00), and SIP/tel URIs.
/// Numbers without a country code are read in the configured default region.
/// </summary>
/// <remarks>
/// Outcomes are remembered (for every instance, up to <see cref="CacheCapacity"/> inputs, then forgotten at once):
/// a call's number arrives with each of its events and is read again by validation, assembly and the screen pop,
/// and libphonenumber's parse and validation cost tens of microseconds each time.
/// </remarks>
public sealed class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // What PBXs and carriers put in the caller id when the number is withheld.
    private static readonly FrozenSet<string> WithheldMarkers = new[]
    {
        "anonymous", "restricted", "private", "unavailable", "unknown", "withheld", "blocked", "<unknown>",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly Func<string> _defaultRegion;

    public PhoneNormalizer(string defaultRegion)
    {
        if (!IsKnownRegion(defaultRegion))
        {
            throw new ArgumentException(
                $"'{defaultRegion}' is not an ISO 3166 region code libphonenumber knows (for example US, GB, CN, DE).",
                nameof(defaultRegion));
        }

        var region = defaultRegion.ToUpperInvariant();
        _defaultRegion = () => region;
    }

    /// <summary>
    /// A normalizer whose default region is read at each use from <paramref name="defaultRegion"/> (the running
    /// configuration's, so a reload that changes it applies to the next number): an upper-case region code
    /// libphonenumber knows, as the configuration loader guarantees.
    /// </summary>
    public PhoneNormalizer(Func<string> defaultRegion)
    {
        ArgumentNullException.ThrowIfNull(defaultRegion);
        _defaultRegion = defaultRegion;
    }

    public string DefaultRegion => _defaultRegion();

    public static bool IsKnownRegion(string? region) =>
        !string.IsNullOrWhiteSpace(region) && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>How many distinct (input, region) outcomes are remembered before the memory starts afresh.</summary>
    public const int CacheCapacity = 8192;

    private static readonly ConcurrentDictionary<(string Input, string Region), PhoneNormalization> Known = new();

    public PhoneNormalization Normalize(string? input, string? region = null)
    {
        var key = (input ?? string.Empty, region is null ? DefaultRegion : region.ToUpperInvariant());
        if (Known.TryGetValue(key, out var known))
        {
            return known;
        }

        var outcome = Read(key.Item1, key.Item2);
        if (Known.Count >= CacheCapacity)
        {
            Known.Clear();
        }

        Known.TryAdd(key, outcome);
        return outcome;
    }

    private static PhoneNormalization Read(string raw, string region)
    {
        var text = StripUri(raw.Trim());
        if (text.Length == 0 || WithheldMarkers.Contains(text))
        {
            return PhoneNormalization.Withheld(raw);
        }

        if (text.Length > 64)
        {
            return PhoneNormalization.Invalid(raw, "is longer than any phone number (64 characters at most)");
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, region);
        }
        catch (NumberParseException ex)
        {
            return PhoneNormalization.Invalid(raw, Describe(ex.ErrorType, region));
        }

        if (!Util.IsValidNumber(parsed))
        {
            return PhoneNormalization.Invalid(raw, Util.IsPossibleNumberWithReason(parsed) switch
            {
                PhoneNumberUtil.ValidationResult.TOO_SHORT => "is too short for a number of country code +" + parsed.CountryCode,
                PhoneNumberUtil.ValidationResult.TOO_LONG => "is too long for a number of country code +" + parsed.CountryCode,
                PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "has no valid country code",
                PhoneNumberUtil.ValidationResult.INVALID_LENGTH => "has the wrong number of digits for country code +" + parsed.CountryCode,
                _ => $"is not a number in use in region {Util.GetRegionCodeForNumber(parsed) ?? region}",
            });
        }

        return PhoneNormalization.Valid(raw, Util.Format(parsed, PhoneNumberFormat.E164));
    }

    private static string StripUri(string text)
    {
        // sip:+14155550123@pbx.example.com;user=phone  or  tel:+1-415-555-0123
        if (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            var user = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var at = user.IndexOf('@', StringComparison.Ordinal);
            return at >= 0 ? user[..at] : user;
        }

        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            var number = text[4..];
            var semicolon = number.IndexOf(';', StringComparison.Ordinal);
            return semicolon >= 0 ? number[..semicolon] : number;
        }

        return text;
    }

    private static string Describe(ErrorType error, string region) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE => $"has no valid country code and cannot be read in region {region}",
        ErrorType.NOT_A_NUMBER => "is not a phone number",
        ErrorType.TOO_SHORT_AFTER_IDD => "is too short after the international prefix",
        ErrorType.TOO_SHORT_NSN => "is too short to be a phone number",
        ErrorType.TOO_LONG => "is too long to be a phone number",
        _ => "is not a phone number",
    };
}
