namespace Switchboard.Demo.Crm.Cases;

/// <summary>The answer to GET /api/cases.</summary>
internal sealed record CaseList(IReadOnlyList<SupportCase> Records);
