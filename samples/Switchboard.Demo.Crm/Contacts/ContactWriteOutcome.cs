namespace Switchboard.Demo.Crm.Contacts;

/// <summary>The outcome of an upsert.</summary>
internal enum ContactWriteOutcome
{
    Created,
    Updated,
    VersionMismatch,
}
