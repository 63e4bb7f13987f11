namespace Switchboard.Demo.Crm.Seed;

/// <summary>A subject and description a seeded case can have.</summary>
internal sealed record CaseTemplate(string Subject, string Description);
