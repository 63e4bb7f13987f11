namespace Switchboard.Demo.Crm.Contacts;

/// <summary>The writable fields of a contact, as sent to POST and PUT.</summary>
internal sealed class ContactInput
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? AccountName { get; init; }
    public string? Phone { get; init; }
    public string? MobilePhone { get; init; }
    public string? Email { get; init; }
    public string? PreferredLanguage { get; init; }

    /// <summary>Why the input cannot be saved, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(LastName))
        {
            return "Required fields are missing: [lastName]";
        }

        if (Email is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal))
        {
            return $"email: invalid email address: {email}";
        }

        return null;
    }
}
