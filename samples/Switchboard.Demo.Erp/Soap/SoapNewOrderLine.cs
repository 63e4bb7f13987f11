using System.Xml.Serialization;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>
/// A line of CreateOrder. Catalogue items may leave out UnitPrice and Description (the ERP fills them
/// in), as in the REST API.
/// </summary>
[XmlType("NewLine", Namespace = ErpSoapNamespace.Uri)]
public sealed class SoapNewOrderLine
{
    public string? Sku { get; set; }

    public string? Description { get; set; }

    public decimal? Quantity { get; set; }

    public decimal? UnitPrice { get; set; }
}
