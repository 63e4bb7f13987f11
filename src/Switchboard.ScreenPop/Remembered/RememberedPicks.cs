using Dapper;
using Switchboard.Storage;

namespace Switchboard.ScreenPop.Remembered;

/// <summary>The durable number → picked candidate table (<see cref="ScreenPopSchema"/>), on SQLite or PostgreSQL.</summary>
public sealed class RememberedPicks(IStorageProvider provider, TimeProvider time)
{
    private const string UpsertSql = """
        INSERT INTO screen_pop_picks (phone, candidate_key, agent_id, call_id, picked_at)
        VALUES (@phone, @candidateKey, @agentId, @callId, @pickedAt)
        ON CONFLICT (phone) DO UPDATE SET
            candidate_key = excluded.candidate_key, agent_id = excluded.agent_id,
            call_id = excluded.call_id, picked_at = excluded.picked_at
        """;

    /// <summary>Remembers <paramref name="candidateKey"/> for <paramref name="phone"/> (E.164), replacing an earlier pick.</summary>
    public async Task RememberAsync(string phone, string candidateKey, string? agentId, string? callId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        ArgumentException.ThrowIfNullOrWhiteSpace(candidateKey);
        await using var connection = await provider.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new { phone, candidateKey, agentId, callId, pickedAt = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }

    /// <summary>The last pick for <paramref name="phone"/> (E.164), or null.</summary>
    public async Task<RememberedPick?> FindAsync(string phone, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        await using var connection = await provider.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT phone AS Phone, candidate_key AS CandidateKey, agent_id AS AgentId, call_id AS CallId, picked_at AS PickedAt
            FROM screen_pop_picks WHERE phone = @phone
            """,
            new { phone },
            cancellationToken: ct));
        return row is null ? null : new RememberedPick(row.Phone, row.CandidateKey, row.AgentId, row.CallId, DateTimeOffset.FromUnixTimeMilliseconds(row.PickedAt));
    }

    /// <summary>Forgets the pick for <paramref name="phone"/>; true when there was one.</summary>
    public async Task<bool> ForgetAsync(string phone, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        await using var connection = await provider.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM screen_pop_picks WHERE phone = @phone", new { phone }, cancellationToken: ct)) > 0;
    }

    private sealed class Row
    {
        public string Phone { get; set; } = "";
        public string CandidateKey { get; set; } = "";
        public string? AgentId { get; set; }
        public string? CallId { get; set; }
        public long PickedAt { get; set; }
    }
}
