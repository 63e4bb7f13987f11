namespace Switchboard.Demo.Erp.Seed;

/// <summary>One seeded ERP customer; the phone is digits with the country code, as the ERP stores it.</summary>
internal sealed record ErpCustomerSeed(string CustomerNo, string Name, string Phone, string? Email, string? VatNo, string Currency);
