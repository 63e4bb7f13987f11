using System.Xml.Serialization;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>What CreateOrder answers: only the new order's number and status (read the rest with GetOrder).</summary>
[XmlType("CreatedOrder", Namespace = ErpSoapNamespace.Uri)]
public sealed class SoapCreatedOrder
{
    public string OrderNo { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;
}
