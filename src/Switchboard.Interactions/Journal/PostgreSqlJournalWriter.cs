using System.Data.Common;
using Dapper;
using Switchboard.Storage;

namespace Switchboard.Interactions.Journal;

/// <summary>
/// PostgreSQL: the whole group in ONE statement (arrays unnested server-side), so a group costs one
/// round trip and one commit whatever its size. RETURNING tells which ids were new.
/// </summary>
internal sealed class PostgreSqlJournalWriter(IStorageProvider storage) : IJournalWriter
{
    private const string Insert = """
        INSERT INTO inbound_events (event_id, call_id, agent_id, type, occurred_at, received_at, payload)
        SELECT * FROM unnest(@ids::text[], @calls::text[], @agents::text[], @types::text[], @occurred::bigint[], @received::bigint[], @payloads::text[])
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
        """;

    private DbConnection? _connection;

    public async Task WriteAsync(IReadOnlyList<JournalBatch> group, CancellationToken cancellationToken)
    {
        var count = group.Sum(b => b.Events.Count);
        var ids = new string[count];
        var calls = new string?[count];
        var agents = new string?[count];
        var types = new string[count];
        var occurred = new long[count];
        var received = new long[count];
        var payloads = new string[count];
        var row = 0;
        foreach (var batch in group)
        {
            for (var i = 0; i < batch.Events.Count; i++)
            {
                var e = batch.Events[i];
                ids[row] = e.EventId;
                calls[row] = e.CallId;
                agents[row] = e.AgentId;
                types[row] = e.Type;
                occurred[row] = e.OccurredAt.ToUnixTimeMilliseconds();
                received[row] = batch.ReceivedAt.ToUnixTimeMilliseconds();
                payloads[row] = batch.Payloads[i];
                row++;
            }
        }

        IEnumerable<string> inserted;
        try
        {
            _connection ??= await storage.OpenAsync(cancellationToken);
            inserted = await _connection.QueryAsync<string>(new CommandDefinition(
                Insert, new { ids, calls, agents, types, occurred, received, payloads }, cancellationToken: cancellationToken));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        // A statement outside an explicit transaction commits on its own. The first occurrence of an
        // id that came back is new; any other occurrence (earlier commit or same group) is a duplicate.
        var fresh = new HashSet<string>(inserted, StringComparer.Ordinal);
        foreach (var batch in group)
        {
            for (var i = 0; i < batch.Events.Count; i++)
            {
                batch.Outcomes[i] = fresh.Remove(batch.Events[i].EventId) ? IngestOutcome.Accepted : IngestOutcome.Duplicate;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
