namespace Switchboard.Demo.Erp.Orders;

/// <summary>The body of POST /api/v1/orders.</summary>
internal sealed class NewOrderRequest
{
    public string? CustomerNo { get; init; }
    public string? Currency { get; init; }
    public IReadOnlyList<NewOrderLine>? Lines { get; init; }
}
