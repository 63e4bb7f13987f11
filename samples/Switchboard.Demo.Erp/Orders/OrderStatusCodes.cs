namespace Switchboard.Demo.Erp.Orders;

/// <summary>The ERP's order status codes and which action moves an order from which code.</summary>
internal static class OrderStatusCodes
{
    public const string New = "NEW";
    public const string Confirmed = "CONF";
    public const string Picking = "PICK";
    public const string Shipped = "SHIP";
    public const string Delivered = "DLVD";
    public const string Cancelled = "CANC";

    /// <summary>The codes an order must have for <paramref name="action"/>, and the code it gets; null for an unknown action.</summary>
    public static (IReadOnlyList<string> From, string To)? Transition(string action) => action switch
    {
        "confirm" => ([New], Confirmed),
        "ship" => ([Confirmed, Picking], Shipped),
        "cancel" => ([New, Confirmed, Picking], Cancelled),
        _ => null,
    };
}
