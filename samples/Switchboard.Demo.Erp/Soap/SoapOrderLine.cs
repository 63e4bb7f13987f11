using System.Xml.Serialization;
using Switchboard.Demo.Erp.Orders;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>An order line as the SOAP service writes it: decimals, where the REST API has decimal strings.</summary>
[XmlType("Line", Namespace = ErpSoapNamespace.Uri)]
public sealed class SoapOrderLine
{
    public string Sku { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public decimal Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    internal static SoapOrderLine From(ErpOrderLine line) => new()
    {
        Sku = line.Sku,
        Description = line.Description,
        Quantity = ErpSoapValues.Decimal(line.Qty),
        UnitPrice = ErpSoapValues.Decimal(line.UnitPrice),
    };
}
