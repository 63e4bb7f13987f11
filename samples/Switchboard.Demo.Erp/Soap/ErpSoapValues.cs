using System.Globalization;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>The ERP's stored forms (epoch seconds, invariant decimal strings) read into the SOAP types.</summary>
internal static class ErpSoapValues
{
    public static DateTime Utc(long epochSeconds) => DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime;

    public static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
