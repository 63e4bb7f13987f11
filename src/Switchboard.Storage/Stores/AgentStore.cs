using Dapper;
using Switchboard.Core.Agents;

namespace Switchboard.Storage.Stores;

/// <summary>Agents and the state the hub last saw for them. Queues are kept as a JSON array.</summary>
public sealed class AgentStore(IStorageProvider provider)
{
    private const string Columns = """
        id AS Id, name AS Name, extension AS Extension, queues AS Queues, state AS State,
        state_reason AS StateReason, state_changed_at AS StateChangedAt
        """;

    private const string UpsertSql = """
        INSERT INTO agents (id, name, extension, queues, state, state_reason, state_changed_at)
        VALUES (@id, @name, @extension, @queues, @state, @stateReason, @stateChangedAt)
        ON CONFLICT (id) DO UPDATE SET
            name = excluded.name, extension = excluded.extension, queues = excluded.queues, state = excluded.state,
            state_reason = excluded.state_reason, state_changed_at = excluded.state_changed_at
        """;

    public async Task UpsertAsync(Agent agent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.Id, nameof(agent));
        await using var connection = await provider.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new
            {
                id = agent.Id,
                name = agent.Name,
                extension = agent.Extension,
                queues = StoreSql.ToJson(agent.Queues),
                state = agent.State.ToString(),
                stateReason = agent.StateReason,
                stateChangedAt = StoreSql.ToMs(agent.StateChangedAt),
            },
            cancellationToken: ct));
    }

    public async Task<Agent?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM agents WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToModel();
    }

    /// <summary>Every agent, in id order.</summary>
    public async Task<IReadOnlyList<Agent>> ListAsync(CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM agents ORDER BY id", cancellationToken: ct));
        return [.. rows.Select(r => r.ToModel())];
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Extension { get; set; }
        public string Queues { get; set; } = "[]";
        public string State { get; set; } = "";
        public string? StateReason { get; set; }
        public long StateChangedAt { get; set; }

        public Agent ToModel() => new()
        {
            Id = Id,
            Name = Name,
            Extension = Extension,
            Queues = StoreSql.FromJson<List<string>>(Queues),
            State = StoreSql.ParseEnum<AgentState>(State),
            StateReason = StateReason,
            StateChangedAt = StoreSql.FromMs(StateChangedAt),
        };
    }
}
