namespace Switchboard.Demo.Erp.Customers;

/// <summary>
/// How the ERP matches a phone search against its digits-only numbers. Like many older systems it
/// compares digits: an international query ("+44 20 7946 0958", "0044...", "442079460958") must
/// equal the stored number; a national one ("020 7946 0958", "(415) 555-0134") may equal its
/// tail once the trunk 0 is dropped, provided what is left over is a country code the ERP knows.
/// </summary>
internal static class ErpPhoneMatch
{
    public const int ShortestQuery = 7;

    private static readonly string[] CountryCodes = ["1", "44", "86"];

    /// <summary>The query reduced to digits, or null when too short to search on.</summary>
    public static string? Digits(string query)
    {
        var trimmed = query.Trim();
        var digits = new string(trimmed.Replace("(0)", string.Empty, StringComparison.Ordinal).Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith('+'))
        {
            digits = "+" + digits;
        }

        return digits.TrimStart('+').Length >= ShortestQuery ? digits : null;
    }

    public static bool Matches(string storedDigits, string queryDigits)
    {
        if (queryDigits.StartsWith('+'))
        {
            return storedDigits == queryDigits[1..];
        }

        if (queryDigits.StartsWith("00", StringComparison.Ordinal))
        {
            return storedDigits == queryDigits[2..];
        }

        if (storedDigits == queryDigits)
        {
            return true;
        }

        var national = queryDigits.TrimStart('0');
        if (national.Length < ShortestQuery || !storedDigits.EndsWith(national, StringComparison.Ordinal))
        {
            return false;
        }

        var prefix = storedDigits[..^national.Length];
        return CountryCodes.Contains(prefix);
    }
}
