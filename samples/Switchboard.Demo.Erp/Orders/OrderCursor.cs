using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Switchboard.Demo.Erp.Orders;

/// <summary>
/// Where a page of orders ended: the last order's number and, for a changedSince walk, its change
/// time. Keyset paging, so an order written while a client pages is neither skipped nor repeated
/// unless it itself changes. Opaque to clients: base64url of "changed_at|order_no".
/// </summary>
internal sealed record OrderCursor(long? ChangedAt, string OrderNo)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{ChangedAt?.ToString(CultureInfo.InvariantCulture)}|{OrderNo}"));

    public static OrderCursor? TryDecode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                return null;
            }

            if (parts[0].Length == 0)
            {
                return new OrderCursor(null, parts[1]);
            }

            return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var changedAt)
                ? new OrderCursor(changedAt, parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
