using System.Data;
using System.Data.Common;

namespace Switchboard.Storage.Stores;

/// <summary>
/// One parameterized statement executed for many rows inside the caller's transaction, compiled once.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite compiles the SQL of every new command again (it keeps compiled statements per command, not
/// per connection), and a command per row through Dapper made compiling and binding the largest part of folding
/// events into interactions. Reusing one command with fresh parameter values keeps the compiled statement; on
/// PostgreSQL it is the same round trip per row as before.
/// </remarks>
internal sealed class RepeatedCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public RepeatedCommand(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, DbType Type)[] parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _command.Transaction = transaction;
        _parameters = new DbParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = parameters[i].Name;
            parameter.DbType = parameters[i].Type;
            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }
    }

    /// <summary>Runs the statement with these values, in the order the parameters were declared; returns the rows it changed.</summary>
    public Task<int> ExecuteAsync(object?[] values, CancellationToken ct)
    {
        if (values.Length != _parameters.Length)
        {
            throw new ArgumentException($"The statement takes {_parameters.Length} values, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
