using Switchboard.Core.CrossReferences;

namespace Switchboard.Core.Customers;

/// <summary>A person or organisation the contact center serves, as the hub knows it.</summary>
public sealed record Customer
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    /// <summary>Preferred language as a BCP 47 tag, e.g. <c>zh-CN</c>.</summary>
    public string? Language { get; init; }
    public IReadOnlyList<ContactPoint> ContactPoints { get; init; } = [];
    public IReadOnlyList<CrossReference> CrossReferences { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public IEnumerable<string> Phones =>
        ContactPoints.Where(c => c.Kind == ContactPointKind.Phone).Select(c => c.Value);
}
