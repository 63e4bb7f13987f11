namespace Switchboard.Demo.Crm.Contacts;

/// <summary>An upsert's outcome with the contact as it now stands (or as it stood, on a mismatch).</summary>
internal sealed record ContactWrite(ContactWriteOutcome Outcome, Contact? Contact);
