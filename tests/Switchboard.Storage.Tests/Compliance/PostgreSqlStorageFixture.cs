using Npgsql;

namespace Switchboard.Storage.Tests.Compliance;

/// <summary>
/// A database created for the test class on the server named by SWITCHBOARD_TEST_POSTGRES and
/// dropped afterwards. Without that variable the fixture fails every test of the class.
/// </summary>
public sealed class PostgreSqlStorageFixture : StorageFixture
{
    public const string ServerVariable = "SWITCHBOARD_TEST_POSTGRES";

    private readonly string _database = "switchboard_test_" + Guid.NewGuid().ToString("N");
    private string? _adminConnectionString;
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created.");

    protected override IStorageProvider NewProvider(Durability durability) =>
        new PostgreSqlStorageProvider(new StorageOptions
        {
            Provider = StorageProviderKind.PostgreSql,
            PostgreSqlConnectionString = ConnectionString,
            Durability = durability,
        });

    protected override async Task CreateDatabaseAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL storage tests cannot run. Run ./test.sh, which starts a " +
                $"PostgreSQL server and sets it, or set {ServerVariable} to an Npgsql connection string for a superuser on 127.0.0.1.");
        }

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await command.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_connectionString is null || _adminConnectionString is null)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }
}
