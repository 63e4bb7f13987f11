namespace Switchboard.Core.Orders;

public sealed record OrderLine(string Sku, string Description, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => Quantity * UnitPrice;
}
