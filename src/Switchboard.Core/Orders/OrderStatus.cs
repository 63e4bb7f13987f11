namespace Switchboard.Core.Orders;

/// <summary>The hub's canonical order states; each system's own statuses map onto these.</summary>
public enum OrderStatus
{
    Draft,
    Submitted,
    Confirmed,
    InProgress,
    Shipped,
    Delivered,
    Cancelled,
    Returned,
}
