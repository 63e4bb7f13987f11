namespace Switchboard.Server.Contracts;

/// <summary>A customer as sent to <c>POST/PUT /api/v1/customers</c>.</summary>
public sealed record CustomerInput
{
    public string? DisplayName { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<PhoneInput> Phones { get; init; } = [];
    public IReadOnlyList<string> Emails { get; init; } = [];
    public IReadOnlyList<CrossReferenceInput> CrossReferences { get; init; } = [];
}

public sealed record PhoneInput(string? Number, string? Label = null, bool Primary = false);

public sealed record CrossReferenceInput(string? System, string? ExternalId, string? Version = null);
