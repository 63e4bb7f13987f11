namespace Switchboard.Demo.Erp.Orders;

/// <summary>A validated new order, ready to be numbered and stored.</summary>
internal sealed record OrderDraft(string CustomerNo, string Currency, IReadOnlyList<ErpOrderLine> Lines, string Total);
