using System.Globalization;
using System.Text.Json;

namespace Switchboard.Demo.Erp.Orders;

/// <summary>The ERP's decimal strings: three places for quantities, two for money.</summary>
internal static class ErpAmounts
{
    public static string Quantity(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Reads "2.5", "2.500" or 2.5; false when absent or not a plain decimal number.</summary>
    public static bool TryRead(JsonElement element, out decimal value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out value),
            JsonValueKind.String => decimal.TryParse(
                element.GetString(),
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture,
                out value),
            _ => false,
        };
    }

    public static int Decimals(decimal value) => value.Scale;
}
