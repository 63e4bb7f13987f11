namespace Switchboard.Security.ApiKeys;

/// <summary>An API key as stored: never the key itself, only its hash.</summary>
public sealed record ApiKey
{
    /// <summary>Public part of the key, also printed inside it (<c>sbk_{Id}_{secret}</c>).</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    /// <summary>SHA-256 of the secret part, hex.</summary>
    public required string SecretHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
