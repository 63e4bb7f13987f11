namespace Switchboard.Demo.Crm.Contacts;

/// <summary>The answer to a phone search: every matching contact, unpaged.</summary>
internal sealed record ContactSearchResult(IReadOnlyList<Contact> Records, int TotalSize);
