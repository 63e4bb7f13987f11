namespace Switchboard.Demo.Crm.Phones;

/// <summary>
/// One reading of a phone number: the national significant number and, when the text says so,
/// its country calling code. A number can have several readings ("13812345678" is a Chinese
/// mobile or, with a leading 1, a US number), and two numbers match when any readings agree.
/// </summary>
internal readonly record struct CrmPhoneKey(string? CountryCode, string National)
{
    // The CRM's users are in these countries; the digit counts are those of national numbers there.
    private static readonly (string Code, int MinLength, int MaxLength)[] KnownCountries =
    [
        ("1", 10, 10),
        ("44", 9, 10),
        ("86", 10, 11),
    ];

    private const int ShortestNational = 7;

    public bool Matches(CrmPhoneKey other) =>
        National == other.National &&
        (CountryCode is null || other.CountryCode is null || CountryCode == other.CountryCode);

    public static bool AnyMatch(IReadOnlyList<CrmPhoneKey> left, IReadOnlyList<CrmPhoneKey> right)
    {
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                if (a.Matches(b))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Every plausible reading of a number as typed by a person or sent by a system.</summary>
    public static IReadOnlyList<CrmPhoneKey> Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var trimmed = text.Trim();
        // "+44 (0)20 7946 0958": the "(0)" is a trunk prefix written for national callers.
        var digits = new string(trimmed.Replace("(0)", string.Empty, StringComparison.Ordinal).Where(char.IsAsciiDigit).ToArray());
        var keys = new List<CrmPhoneKey>(3);

        if (trimmed.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal))
        {
            var international = trimmed.StartsWith('+') ? digits : digits[2..];
            var country = KnownCountries.FirstOrDefault(c => international.StartsWith(c.Code, StringComparison.Ordinal));
            if (country.Code is null)
            {
                Add(keys, null, international);
            }
            else
            {
                Add(keys, country.Code, international[country.Code.Length..].TrimStart('0'));
            }

            return keys;
        }

        if (digits.StartsWith('0'))
        {
            // A national number with its trunk prefix (UK "020 ...", China "021 ..."): the country is unknown.
            Add(keys, null, digits.TrimStart('0'));
            return keys;
        }

        if (digits.Length == 10)
        {
            // The CRM's default country is the US: ten digits without a prefix are a US number.
            Add(keys, "1", digits);
        }

        // Digits that start with a country code but lack the "+" (as an older system sends them).
        foreach (var (code, min, max) in KnownCountries)
        {
            var rest = digits.Length - code.Length;
            if (digits.StartsWith(code, StringComparison.Ordinal) && rest >= min && rest <= max)
            {
                Add(keys, code, digits[code.Length..]);
            }
        }

        Add(keys, null, digits);
        return keys;
    }

    private static void Add(List<CrmPhoneKey> keys, string? countryCode, string national)
    {
        if (national.Length >= ShortestNational)
        {
            keys.Add(new CrmPhoneKey(countryCode, national));
        }
    }
}
