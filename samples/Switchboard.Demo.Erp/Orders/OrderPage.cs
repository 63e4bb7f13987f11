namespace Switchboard.Demo.Erp.Orders;

/// <summary>
/// A page of orders: <c>{ "data": [...], "next": "/api/v1/orders?...&amp;cursor=..." }</c>,
/// where next is null on the last page.
/// </summary>
internal sealed record OrderPage(IReadOnlyList<ErpOrder> Data, string? Next);
