using Dapper;
using Switchboard.Storage;

namespace Switchboard.Sync.Polling;

/// <summary>The stored high-water marks of changed-since polls (<see cref="SyncSchema"/>), on SQLite or PostgreSQL.</summary>
public sealed class HighWaterMarks(IStorageProvider provider, TimeProvider time)
{
    private const string UpsertSql = """
        INSERT INTO sync_high_water_marks (system, operation, mark, updated_at)
        VALUES (@system, @operation, @mark, @updatedAt)
        ON CONFLICT (system, operation) DO UPDATE SET mark = excluded.mark, updated_at = excluded.updated_at
        """;

    /// <summary>The mark stored for the system's operation, or null before its first poll that returned one.</summary>
    public async Task<string?> GetAsync(string system, string operation, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        await using var connection = await provider.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT mark FROM sync_high_water_marks WHERE system = @system AND operation = @operation",
            new { system, operation },
            cancellationToken: ct));
    }

    /// <summary>Stores <paramref name="mark"/> as the next poll's <c>since</c>, replacing the last one.</summary>
    public async Task SetAsync(string system, string operation, string mark, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(mark);
        await using var connection = await provider.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new { system, operation, mark, updatedAt = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }
}
