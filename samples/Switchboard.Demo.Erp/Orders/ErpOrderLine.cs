namespace Switchboard.Demo.Erp.Orders;

/// <summary>An order line. Quantities and prices are decimal strings ("2.000", "19.99"), as the ERP keeps them.</summary>
internal sealed record ErpOrderLine(string Sku, string Description, string Qty, string UnitPrice);
