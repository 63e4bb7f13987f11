namespace Switchboard.Demo.Crm.Contacts;

/// <summary>One page of a contact listing; <see cref="NextPage"/> is null on the last page.</summary>
internal sealed record ContactPage(IReadOnlyList<Contact> Records, int TotalSize, int? NextPage);
