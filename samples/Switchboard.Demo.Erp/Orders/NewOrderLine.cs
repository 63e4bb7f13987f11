using System.Text.Json;

namespace Switchboard.Demo.Erp.Orders;

/// <summary>A line of POST /api/v1/orders. Quantity and price may come as strings ("2.000") or numbers.</summary>
internal sealed class NewOrderLine
{
    public string? Sku { get; init; }
    public string? Description { get; init; }
    public JsonElement Qty { get; init; }
    public JsonElement UnitPrice { get; init; }
}
