using System.Data;
using System.Data.Common;

namespace Switchboard.Storage.Stores;

/// <summary>A parameterized statement that a <see cref="StatementBatch"/> runs for many rows.</summary>
public sealed record Statement(string Sql, params (string Name, DbType Type)[] Parameters);

/// <summary>
/// Statements for many rows in one transaction, run in the order they were added: where the provider batches
/// (PostgreSQL) in one round trip, elsewhere (SQLite) with each distinct statement compiled once.
/// </summary>
public sealed class StatementBatch
{
    private readonly List<(Statement Statement, object?[] Values)> _rows = [];

    public int Count => _rows.Count;

    /// <summary>Adds a run of <paramref name="statement"/> with these values, in the order of its parameters.</summary>
    public void Add(Statement statement, params object?[] values)
    {
        if (values.Length != statement.Parameters.Length)
        {
            throw new ArgumentException($"The statement takes {statement.Parameters.Length} values, not {values.Length}.", nameof(values));
        }

        _rows.Add((statement, values));
    }

    /// <summary>Runs every row; returns the rows each one changed, in the order they were added.</summary>
    public async Task<int[]> ExecuteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var affected = new int[_rows.Count];
        if (_rows.Count == 0)
        {
            return affected;
        }

        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (statement, values) in _rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                for (var i = 0; i < values.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = statement.Parameters[i].Name;
                    parameter.DbType = statement.Parameters[i].Type;
                    parameter.Value = values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = batch.BatchCommands[i].RecordsAffected;
            }

            return affected;
        }

        var commands = new Dictionary<Statement, RepeatedCommand>(ReferenceEqualityComparer.Instance);
        try
        {
            for (var i = 0; i < _rows.Count; i++)
            {
                var (statement, values) = _rows[i];
                if (!commands.TryGetValue(statement, out var command))
                {
                    command = new RepeatedCommand(connection, transaction, statement.Sql, statement.Parameters);
                    commands.Add(statement, command);
                }

                affected[i] = await command.ExecuteAsync(values, ct);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        return affected;
    }
}
