namespace Switchboard.Demo.Erp.Orders;

/// <summary>The outcome of an order action: the changed order, or why not (no such order, or a conflict).</summary>
internal sealed record OrderActionResult(ErpOrder? Order, string? Conflict);
