using System.Data;
using System.Data.Common;
using Switchboard.Storage;

namespace Switchboard.Interactions.Journal;

/// <summary>
/// SQLite: one long-lived connection and one prepared INSERT reused for every row, all rows of a group
/// in one transaction. In WAL mode the commit is one append to the log, so grouping many requests
/// into it is what makes durable ingest cheap.
/// </summary>
internal sealed class SqliteJournalWriter(IStorageProvider storage) : IJournalWriter
{
    private DbConnection? _connection;
    private DbCommand? _insert;

    public async Task WriteAsync(IReadOnlyList<JournalBatch> group, CancellationToken cancellationToken)
    {
        try
        {
            await WriteGroupAsync(group, cancellationToken);
        }
        catch
        {
            // The connection may be in any state after a failure: start afresh next time.
            await DisposeAsync();
            throw;
        }
    }

    private async Task WriteGroupAsync(IReadOnlyList<JournalBatch> group, CancellationToken cancellationToken)
    {
        if (_connection is null || _insert is null)
        {
            _connection = await storage.OpenAsync(cancellationToken);
            _insert = Prepare(_connection);
        }

        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        foreach (var batch in group)
        {
            var receivedAt = batch.ReceivedAt.ToUnixTimeMilliseconds();
            for (var i = 0; i < batch.Events.Count; i++)
            {
                var e = batch.Events[i];
                p[0].Value = e.EventId;
                p[1].Value = (object?)e.CallId ?? DBNull.Value;
                p[2].Value = (object?)e.AgentId ?? DBNull.Value;
                p[3].Value = e.Type;
                p[4].Value = e.OccurredAt.ToUnixTimeMilliseconds();
                p[5].Value = receivedAt;
                p[6].Value = batch.Payloads[i];
                var inserted = await _insert.ExecuteNonQueryAsync(cancellationToken);
                batch.Outcomes[i] = inserted == 1 ? IngestOutcome.Accepted : IngestOutcome.Duplicate;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        _insert.Transaction = null;
    }

    private static DbCommand Prepare(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO inbound_events (event_id, call_id, agent_id, type, occurred_at, received_at, payload) " +
            "VALUES ($id, $call, $agent, $type, $occurred, $received, $payload) ON CONFLICT (event_id) DO NOTHING";
        foreach (var (name, type) in new[]
        {
            ("$id", DbType.String), ("$call", DbType.String), ("$agent", DbType.String), ("$type", DbType.String),
            ("$occurred", DbType.Int64), ("$received", DbType.Int64), ("$payload", DbType.String),
        })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
            _insert = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
