namespace Switchboard.Demo.Crm.Cases;

/// <summary>A support case. Statuses are the CRM's own words: New, Working, Escalated, Closed.</summary>
internal sealed record SupportCase(
    string CaseNumber,
    string ContactId,
    string Subject,
    string? Description,
    string Status,
    string Priority,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastModified);
