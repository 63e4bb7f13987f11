using Npgsql;

namespace Switchboard.Testing;

/// <summary>
/// A fresh database on the PostgreSQL server ./test.sh started (named by SWITCHBOARD_TEST_POSTGRES),
/// dropped on dispose. Without that variable the test fails: PostgreSQL tests never pass silently.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "SWITCHBOARD_TEST_POSTGRES";

    private readonly string _server;

    private TestPostgres(string server, string database)
    {
        _server = server;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public string Database { get; }
    public string ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it.");

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = ServerConnectionString;
        var database = $"sb_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await command.ExecuteNonQueryAsync();
        return new TestPostgres(server, database);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
