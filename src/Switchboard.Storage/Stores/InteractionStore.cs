using System.Data;
using System.Data.Common;
using Dapper;
using Switchboard.Core.Interactions;

namespace Switchboard.Storage.Stores;

/// <summary>
/// Interactions: a header row with its agents, and a timeline of events appended once each.
/// Single-record reads (<see cref="GetAsync"/>, <see cref="FindByCallIdAsync"/>) include the
/// timeline; list reads return headers with their agents and an empty timeline.
/// </summary>
public sealed class InteractionStore(IStorageProvider provider)
{
    private const string Columns = """
        i.id AS Id, i.call_id AS CallId, i.direction AS Direction, i.state AS State, i.caller_number AS CallerNumber,
        i.caller_number_raw AS CallerNumberRaw, i.called_number AS CalledNumber, i.queue AS Queue, i.customer_id AS CustomerId,
        i.disposition AS Disposition, i.notes AS Notes, i.recording_url AS RecordingUrl, i.started_at AS StartedAt,
        i.answered_at AS AnsweredAt, i.ended_at AS EndedAt, i.completed_at AS CompletedAt
        """;

    private const string UpsertSql = """
        INSERT INTO interactions (id, call_id, direction, state, caller_number, caller_number_raw, called_number, queue,
            customer_id, disposition, notes, recording_url, started_at, answered_at, ended_at, completed_at)
        VALUES (@id, @callId, @direction, @state, @callerNumber, @callerNumberRaw, @calledNumber, @queue,
            @customerId, @disposition, @notes, @recordingUrl, @startedAt, @answeredAt, @endedAt, @completedAt)
        ON CONFLICT (id) DO UPDATE SET
            call_id = excluded.call_id, direction = excluded.direction, state = excluded.state,
            caller_number = excluded.caller_number, caller_number_raw = excluded.caller_number_raw,
            called_number = excluded.called_number, queue = excluded.queue, customer_id = excluded.customer_id,
            disposition = excluded.disposition, notes = excluded.notes, recording_url = excluded.recording_url,
            started_at = excluded.started_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,
            completed_at = excluded.completed_at
        """;

    private static readonly Statement Upsert = new(
        UpsertSql,
        ("@id", DbType.String), ("@callId", DbType.String), ("@direction", DbType.String), ("@state", DbType.String),
        ("@callerNumber", DbType.String), ("@callerNumberRaw", DbType.String), ("@calledNumber", DbType.String), ("@queue", DbType.String),
        ("@customerId", DbType.String), ("@disposition", DbType.String), ("@notes", DbType.String), ("@recordingUrl", DbType.String),
        ("@startedAt", DbType.Int64), ("@answeredAt", DbType.Int64), ("@endedAt", DbType.Int64), ("@completedAt", DbType.Int64));

    private const string AppendSql = """
        INSERT INTO interaction_events (event_id, interaction_id, type, occurred_at, received_at, agent_id, source, data)
        VALUES (@eventId, @interactionId, @type, @occurredAt, @receivedAt, @agentId, @source, @data)
        ON CONFLICT (event_id) DO NOTHING
        """;

    private static readonly Statement Append = new(
        AppendSql,
        ("@eventId", DbType.String), ("@interactionId", DbType.String), ("@type", DbType.String), ("@occurredAt", DbType.Int64),
        ("@receivedAt", DbType.Int64), ("@agentId", DbType.String), ("@source", DbType.String), ("@data", DbType.String));

    private static readonly Statement ClearAgents = new("DELETE FROM interaction_agents WHERE interaction_id = @id", ("@id", DbType.String));

    private static readonly Statement AddAgent = new(
        "INSERT INTO interaction_agents (interaction_id, agent_id, ordinal) VALUES (@interactionId, @agentId, @ordinal)",
        ("@interactionId", DbType.String), ("@agentId", DbType.String), ("@ordinal", DbType.Int32));

    /// <summary>Writes the header fields and the agent list; the timeline is left as it is.</summary>
    public async Task UpsertAsync(Interaction i, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await UpsertAsync(i, connection, tx, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The same, inside the caller's transaction (so a batch of writes shares one commit). When the
    /// caller knows the stored agent list (<paramref name="storedAgents"/>) and it is unchanged, the
    /// agent rows are left alone.
    /// </summary>
    public Task UpsertAsync(Interaction i, DbConnection connection, DbTransaction tx, CancellationToken ct, IReadOnlyList<string>? storedAgents = null) =>
        SaveAsync([new InteractionWrite(i, storedAgents, [])], connection, tx, ct);

    /// <summary>
    /// Adds an event to the timeline of an interaction already stored. Returns false, changing
    /// nothing, when an event with the same <see cref="InteractionEvent.EventId"/> was recorded before.
    /// </summary>
    public async Task<bool> AppendEventAsync(string interactionId, InteractionEvent e, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        return await AppendEventAsync(interactionId, e, connection, null, ct);
    }

    /// <summary>The same, on the caller's connection and transaction.</summary>
    public async Task<bool> AppendEventAsync(string interactionId, InteractionEvent e, DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interactionId);
        var batch = new StatementBatch();
        AddAppend(batch, interactionId, e);
        return (await batch.ExecuteAsync(connection, tx, ct))[0] == 1;
    }

    /// <summary>
    /// Writes several interactions (header and agent list, as <see cref="UpsertAsync(Interaction, DbConnection, DbTransaction, CancellationToken, IReadOnlyList{string}?)"/>)
    /// and appends their new timeline events, inside the caller's transaction: on PostgreSQL in one round trip, on SQLite
    /// with each kind of statement compiled once for all of them. Returns how many events were appended (a recorded
    /// event id is skipped, as by <see cref="AppendEventAsync(string, InteractionEvent, CancellationToken)"/>).
    /// </summary>
    public async Task<int> SaveAsync(IReadOnlyList<InteractionWrite> writes, DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var batch = new StatementBatch();
        var appends = new List<int>();
        foreach (var (i, storedAgents, newEvents) in writes)
        {
            ArgumentNullException.ThrowIfNull(i, nameof(writes));
            ArgumentException.ThrowIfNullOrWhiteSpace(i.Id, nameof(writes));
            batch.Add(
                Upsert,
                i.Id, i.CallId, i.Direction.ToString(), i.State.ToString(), i.CallerNumber, i.CallerNumberRaw, i.CalledNumber, i.Queue,
                i.CustomerId, i.Disposition, i.Notes, i.RecordingUrl, StoreSql.ToMs(i.StartedAt), StoreSql.ToMs(i.AnsweredAt),
                StoreSql.ToMs(i.EndedAt), StoreSql.ToMs(i.CompletedAt));
            var agents = i.AgentIds.Distinct(StringComparer.Ordinal).ToList();
            if (storedAgents is null || !storedAgents.SequenceEqual(agents, StringComparer.Ordinal))
            {
                batch.Add(ClearAgents, i.Id);
                for (var ordinal = 0; ordinal < agents.Count; ordinal++)
                {
                    batch.Add(AddAgent, i.Id, agents[ordinal], ordinal);
                }
            }

            foreach (var e in newEvents)
            {
                appends.Add(batch.Count);
                AddAppend(batch, i.Id, e);
            }
        }

        var affected = await batch.ExecuteAsync(connection, tx, ct);
        return appends.Count(at => affected[at] == 1);
    }

    // The unique event_id makes the append idempotent in one statement: a redelivered event
    // inserts nothing and reports zero rows, with no read-then-write race between hub processes.
    private static void AddAppend(StatementBatch batch, string interactionId, InteractionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrWhiteSpace(e.EventId, nameof(e));
        batch.Add(
            Append,
            e.EventId, interactionId, e.Type, StoreSql.ToMs(e.OccurredAt), StoreSql.ToMs(e.ReceivedAt), e.AgentId, e.Source, StoreSql.ToJson(e.Data));
    }

    /// <summary>The interaction with its timeline ordered by OccurredAt, then ReceivedAt, then arrival.</summary>
    public async Task<Interaction?> GetAsync(string id, CancellationToken ct)
    {
        // One snapshot: the interaction, its agents and its timeline from the same committed state,
        // never the timeline of one assembly slice with the state of the one before.
        await using var connection = await provider.OpenAsync(ct);
        await using var snapshot = await provider.BeginSnapshotAsync(connection, ct);
        return await SingleWithTimelineAsync(connection, snapshot, $"SELECT {Columns} FROM interactions i WHERE i.id = @id", new { id }, ct);
    }

    /// <summary>The interaction for the contact center's call id (the latest started, should a PBX reuse one), with its timeline.</summary>
    public async Task<Interaction?> FindByCallIdAsync(string callId, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        await using var snapshot = await provider.BeginSnapshotAsync(connection, ct);
        return await FindByCallIdAsync(callId, connection, snapshot, ct);
    }

    /// <summary>The same, on the caller's connection and transaction.</summary>
    public Task<Interaction?> FindByCallIdAsync(string callId, DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        SingleWithTimelineAsync(
            connection,
            tx,
            $"SELECT {Columns} FROM interactions i WHERE i.call_id = @callId ORDER BY i.started_at DESC, i.id DESC LIMIT 1",
            new { callId },
            ct);

    /// <summary>
    /// The interactions of several call ids at once, with their timelines, in three queries whatever
    /// the number of calls; keyed by call id (the latest started, should a PBX reuse one).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Interaction>> FindByCallIdsAsync(
        IReadOnlyList<string> callIds, DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var found = new Dictionary<string, Interaction>(StringComparer.Ordinal);
        if (callIds.Count == 0)
        {
            return found;
        }

        var callParameters = new DynamicParameters();
        var calls = StoreSql.InList(callParameters, "call", callIds);
        var headers = await HeadersAsync(connection, $"SELECT {Columns} FROM interactions i WHERE i.call_id IN {calls} ORDER BY i.started_at, i.id", callParameters, ct, tx);
        if (headers.Count == 0)
        {
            return found;
        }

        foreach (var interaction in await WithTimelinesAsync(connection, tx, headers, ct))
        {
            // Ordered by start: a later interaction for a reused call id replaces an earlier one.
            found[interaction.CallId] = interaction;
        }

        return found;
    }

    /// <summary>The customer's interactions, latest started first; with their timelines when <paramref name="timelines"/>.</summary>
    public Task<IReadOnlyList<Interaction>> ListByCustomerAsync(string customerId, int limit, CancellationToken ct) => ListByCustomerAsync(customerId, limit, timelines: false, ct);

    /// <inheritdoc cref="ListByCustomerAsync(string, int, CancellationToken)"/>
    public Task<IReadOnlyList<Interaction>> ListByCustomerAsync(string customerId, int limit, bool timelines, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ListAsync(
            $"SELECT {Columns} FROM interactions i WHERE i.customer_id = @customerId ORDER BY i.started_at DESC, i.id DESC LIMIT @limit",
            new { customerId, limit },
            timelines,
            ct);
    }

    /// <summary>The interactions from this caller number (E.164), latest started first; with their timelines when <paramref name="timelines"/>.</summary>
    public Task<IReadOnlyList<Interaction>> ListByCallerAsync(string e164, int limit, CancellationToken ct) => ListByCallerAsync(e164, limit, timelines: false, ct);

    /// <inheritdoc cref="ListByCallerAsync(string, int, CancellationToken)"/>
    public Task<IReadOnlyList<Interaction>> ListByCallerAsync(string e164, int limit, bool timelines, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ListAsync(
            $"SELECT {Columns} FROM interactions i WHERE i.caller_number = @e164 ORDER BY i.started_at DESC, i.id DESC LIMIT @limit",
            new { e164, limit },
            timelines,
            ct);
    }

    /// <summary>
    /// The interactions the agent took part in that started in [<paramref name="from"/>,
    /// <paramref name="to"/>), latest started first; with their timelines when <paramref name="timelines"/>.
    /// </summary>
    public Task<IReadOnlyList<Interaction>> ListByAgentAsync(
        string agentId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) =>
        ListByAgentAsync(agentId, from, to, limit, timelines: false, ct);

    /// <inheritdoc cref="ListByAgentAsync(string, DateTimeOffset, DateTimeOffset, int, CancellationToken)"/>
    public Task<IReadOnlyList<Interaction>> ListByAgentAsync(
        string agentId, DateTimeOffset from, DateTimeOffset to, int limit, bool timelines, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ListAsync(
            $"""
            SELECT {Columns} FROM interactions i
            JOIN interaction_agents a ON a.interaction_id = i.id
            WHERE a.agent_id = @agentId AND i.started_at >= @from AND i.started_at < @to
            ORDER BY i.started_at DESC, i.id DESC LIMIT @limit
            """,
            new { agentId, from = StoreSql.ToMs(from), to = StoreSql.ToMs(to), limit },
            timelines,
            ct);
    }

    private static async Task<Interaction?> SingleWithTimelineAsync(
        DbConnection connection, DbTransaction? tx, string sql, object parameters, CancellationToken ct)
    {
        var found = await HeadersAsync(connection, sql, parameters, ct, tx);
        if (found.Count == 0)
        {
            return null;
        }

        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            """
            SELECT event_id AS EventId, type AS Type, occurred_at AS OccurredAt, received_at AS ReceivedAt,
                agent_id AS AgentId, source AS Source, data AS Data
            FROM interaction_events WHERE interaction_id = @id ORDER BY occurred_at, received_at, seq
            """,
            new { id = found[0].Id },
            tx,
            cancellationToken: ct));
        return found[0] with { Timeline = [.. rows.Select(r => r.ToModel())] };
    }

    private async Task<IReadOnlyList<Interaction>> ListAsync(string sql, object parameters, bool timelines, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        await using var snapshot = await provider.BeginSnapshotAsync(connection, ct);
        var headers = await HeadersAsync(connection, sql, parameters, ct, snapshot);
        return timelines ? await WithTimelinesAsync(connection, snapshot, headers, ct) : headers;
    }

    /// <summary>The interactions with their timelines, read in one query whatever their number; in the same order.</summary>
    private static async Task<IReadOnlyList<Interaction>> WithTimelinesAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<Interaction> headers, CancellationToken ct)
    {
        if (headers.Count == 0)
        {
            return headers;
        }

        var idParameters = new DynamicParameters();
        var ids = StoreSql.InList(idParameters, "id", [.. headers.Select(h => h.Id)]);
        var events = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"""
            SELECT interaction_id AS InteractionId, event_id AS EventId, type AS Type, occurred_at AS OccurredAt, received_at AS ReceivedAt,
                agent_id AS AgentId, source AS Source, data AS Data
            FROM interaction_events WHERE interaction_id IN {ids} ORDER BY occurred_at, received_at, seq
            """,
            idParameters,
            tx,
            cancellationToken: ct))).ToLookup(e => e.InteractionId, StringComparer.Ordinal);
        return [.. headers.Select(h => h with { Timeline = [.. events[h.Id].Select(e => e.ToModel())] })];
    }

    private static async Task<IReadOnlyList<Interaction>> HeadersAsync(
        DbConnection connection, string sql, object parameters, CancellationToken ct, DbTransaction? tx = null)
    {
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var idParameters = new DynamicParameters();
        var ids = StoreSql.InList(idParameters, "id", [.. rows.Select(r => r.Id)]);
        var agents = (await connection.QueryAsync<(string InteractionId, string AgentId)>(new CommandDefinition(
                $"SELECT interaction_id, agent_id FROM interaction_agents WHERE interaction_id IN {ids} ORDER BY interaction_id, ordinal",
                idParameters,
                tx,
                cancellationToken: ct)))
            .ToLookup(a => a.InteractionId, a => a.AgentId, StringComparer.Ordinal);
        return [.. rows.Select(r => r.ToModel([.. agents[r.Id]]))];
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string CallId { get; set; } = "";
        public string Direction { get; set; } = "";
        public string State { get; set; } = "";
        public string? CallerNumber { get; set; }
        public string? CallerNumberRaw { get; set; }
        public string? CalledNumber { get; set; }
        public string? Queue { get; set; }
        public string? CustomerId { get; set; }
        public string? Disposition { get; set; }
        public string? Notes { get; set; }
        public string? RecordingUrl { get; set; }
        public long StartedAt { get; set; }
        public long? AnsweredAt { get; set; }
        public long? EndedAt { get; set; }
        public long? CompletedAt { get; set; }

        public Interaction ToModel(IReadOnlyList<string> agentIds) => new()
        {
            Id = Id,
            CallId = CallId,
            Direction = StoreSql.ParseEnum<CallDirection>(Direction),
            State = StoreSql.ParseEnum<InteractionState>(State),
            CallerNumber = CallerNumber,
            CallerNumberRaw = CallerNumberRaw,
            CalledNumber = CalledNumber,
            Queue = Queue,
            AgentIds = agentIds,
            CustomerId = CustomerId,
            Disposition = Disposition,
            Notes = Notes,
            RecordingUrl = RecordingUrl,
            StartedAt = StoreSql.FromMs(StartedAt),
            AnsweredAt = StoreSql.FromMs(AnsweredAt),
            EndedAt = StoreSql.FromMs(EndedAt),
            CompletedAt = StoreSql.FromMs(CompletedAt),
        };
    }

    private sealed class EventRow
    {
        public string InteractionId { get; set; } = "";
        public string EventId { get; set; } = "";
        public string Type { get; set; } = "";
        public long OccurredAt { get; set; }
        public long ReceivedAt { get; set; }
        public string? AgentId { get; set; }
        public string? Source { get; set; }
        public string Data { get; set; } = "{}";

        public InteractionEvent ToModel() => new()
        {
            EventId = EventId,
            Type = Type,
            OccurredAt = StoreSql.FromMs(OccurredAt),
            ReceivedAt = StoreSql.FromMs(ReceivedAt),
            AgentId = AgentId,
            Source = Source,
            Data = StoreSql.FromJson<Dictionary<string, string>>(Data),
        };
    }
}

/// <summary>What assembling one call writes: its header, the agent list stored before (null when unknown: rewritten) and the events new to its timeline.</summary>
public sealed record InteractionWrite(Interaction Interaction, IReadOnlyList<string>? StoredAgents, IReadOnlyList<InteractionEvent> NewEvents);
