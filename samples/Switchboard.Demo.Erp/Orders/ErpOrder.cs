namespace Switchboard.Demo.Erp.Orders;

/// <summary>
/// A sales order. <see cref="Status"/> is one of the ERP's codes (<see cref="OrderStatusCodes"/>),
/// the total is a decimal string, and times are epoch seconds.
/// </summary>
internal sealed record ErpOrder(
    string OrderNo,
    string CustomerNo,
    string Status,
    string Currency,
    IReadOnlyList<ErpOrderLine> Lines,
    string Total,
    long CreatedAt,
    long ChangedAt);
