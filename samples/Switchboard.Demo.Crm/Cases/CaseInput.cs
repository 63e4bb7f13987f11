namespace Switchboard.Demo.Crm.Cases;

/// <summary>The body of POST /api/cases.</summary>
internal sealed class CaseInput
{
    public string? ContactId { get; init; }
    public string? Subject { get; init; }
    public string? Description { get; init; }
    public string? Status { get; init; }
    public string? Priority { get; init; }
}
