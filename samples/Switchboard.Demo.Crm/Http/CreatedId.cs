namespace Switchboard.Demo.Crm.Http;

/// <summary>What the CRM answers to a create: the new record's id and nothing else.</summary>
internal sealed record CreatedId(string Id);
