namespace Switchboard.Demo.Crm.Seed;

/// <summary>One seeded person, with phones as typed into the CRM.</summary>
internal sealed record ContactSeed(
    string FirstName,
    string LastName,
    string? AccountName,
    string Phone,
    string? MobilePhone,
    string Email,
    string PreferredLanguage);
