namespace Switchboard.Server.Contracts;

public sealed record ApiKeyInput(string? Name, IReadOnlyList<string>? Roles, int? ExpiresInDays);

/// <summary>An API key as listed: never its secret or hash.</summary>
public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>The answer to creating a key: the only time the key is shown.</summary>
public sealed record IssuedApiKeyView(ApiKeyView ApiKey, string Key);
