using System.Text.Json.Serialization;

namespace Switchboard.Demo.Erp.Customers;

/// <summary>
/// An ERP customer (the account that is billed). The phone is digits only with the country
/// code ("8613812345678"); <see cref="CreatedAt"/> is in epoch seconds, as the ERP stores it.
/// </summary>
internal sealed record ErpCustomer(
    string CustomerNo,
    string Name,
    string Phone,
    string? Email,
    string? VatNo,
    long CreatedAt)
{
    /// <summary>The currency the customer is invoiced in; not part of the API's customer record.</summary>
    [JsonIgnore]
    public string Currency { get; init; } = "USD";
}
