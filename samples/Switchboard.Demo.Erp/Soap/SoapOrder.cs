using System.Xml.Serialization;
using Switchboard.Demo.Erp.Orders;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>A sales order as the SOAP service writes it. Public because XmlSerializer writes only public types.</summary>
[XmlType("Order", Namespace = ErpSoapNamespace.Uri)]
public sealed class SoapOrder
{
    public string OrderNo { get; set; } = string.Empty;

    public string CustomerNo { get; set; } = string.Empty;

    /// <summary>The ERP's code: NEW, CONF, PICK, SHIP, DLVD or CANC.</summary>
    public string Status { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public decimal Total { get; set; }

    /// <summary>UTC, written ISO 8601.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC, written ISO 8601; each change to the order is strictly later.</summary>
    public DateTime ChangedAt { get; set; }

    [XmlArrayItem("Line")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays",
        Justification = "XmlSerializer data contract: an array is what it reads and writes most plainly.")]
    public SoapOrderLine[] Lines { get; set; } = [];

    internal static SoapOrder From(ErpOrder order) => new()
    {
        OrderNo = order.OrderNo,
        CustomerNo = order.CustomerNo,
        Status = order.Status,
        Currency = order.Currency,
        Total = ErpSoapValues.Decimal(order.Total),
        CreatedAt = ErpSoapValues.Utc(order.CreatedAt),
        ChangedAt = ErpSoapValues.Utc(order.ChangedAt),
        Lines = [.. order.Lines.Select(SoapOrderLine.From)],
    };
}
