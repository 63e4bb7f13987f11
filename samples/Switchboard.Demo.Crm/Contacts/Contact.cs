namespace Switchboard.Demo.Crm.Contacts;

/// <summary>
/// A CRM contact as the API shows it. Phones are stored as the sales team typed them
/// ("(415) 555-0134", "+44 20 7946 0958"), not normalized.
/// </summary>
internal sealed record Contact(
    string Id,
    string? FirstName,
    string LastName,
    string? AccountName,
    string? Phone,
    string? MobilePhone,
    string? Email,
    string? PreferredLanguage,
    DateTimeOffset LastModified,
    int Version);
