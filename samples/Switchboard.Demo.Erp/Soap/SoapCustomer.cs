using System.Xml.Serialization;
using Switchboard.Demo.Erp.Customers;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>A customer as the SOAP service writes it. Public because XmlSerializer writes only public types.</summary>
[XmlType("Customer", Namespace = ErpSoapNamespace.Uri)]
public sealed class SoapCustomer
{
    public string CustomerNo { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Digits with the country code, as the ERP stores it ("8613812345678").</summary>
    public string Phone { get; set; } = string.Empty;

    public string? Email { get; set; }

    /// <summary>UTC, written ISO 8601 ("2024-05-01T08:00:00Z").</summary>
    public DateTime CreatedAt { get; set; }

    internal static SoapCustomer From(ErpCustomer customer) => new()
    {
        CustomerNo = customer.CustomerNo,
        Name = customer.Name,
        Phone = customer.Phone,
        Email = customer.Email,
        CreatedAt = ErpSoapValues.Utc(customer.CreatedAt),
    };
}
