using Dapper;
using Switchboard.Storage;

namespace Switchboard.Security.ApiKeys;

/// <summary>Reads and writes API keys. Times are unix milliseconds, as in every hub table.</summary>
public sealed class ApiKeyStore(IStorageProvider storage)
{
    public async Task InsertAsync(ApiKey key, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, name, roles, secret_hash, created_at, expires_at, revoked_at) " +
            "VALUES (@Id, @Name, @Roles, @SecretHash, @CreatedAt, @ExpiresAt, NULL)",
            new
            {
                key.Id,
                key.Name,
                Roles = string.Join(' ', key.Roles),
                key.SecretHash,
                CreatedAt = key.CreatedAt.ToUnixTimeMilliseconds(),
                ExpiresAt = key.ExpiresAt?.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct));
    }

    public async Task<ApiKey?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, name, roles, secret_hash AS SecretHash, created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt " +
            "FROM api_keys WHERE id = @id",
            new { id },
            cancellationToken: ct));
        return row?.ToApiKey();
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, name, roles, secret_hash AS SecretHash, created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt " +
            "FROM api_keys ORDER BY created_at, id",
            cancellationToken: ct));
        return [.. rows.Select(r => r.ToApiKey())];
    }

    /// <summary>Marks a key revoked; returns false when no active key has that id.</summary>
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL",
            new { id, at = at.ToUnixTimeMilliseconds() },
            cancellationToken: ct));
        return changed == 1;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Roles { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? ExpiresAt { get; set; }
        public long? RevokedAt { get; set; }

        public ApiKey ToApiKey() => new()
        {
            Id = Id,
            Name = Name,
            Roles = Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            SecretHash = SecretHash,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            ExpiresAt = ExpiresAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            RevokedAt = RevokedAt is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null,
        };
    }
}
