using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchboard.ScreenPop.Remembered;
using Switchboard.ScreenPop.Tests.Support;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Testing;

namespace Switchboard.ScreenPop.Tests.Remembered;

/// <summary>The remembered-pick table on both providers.</summary>
public sealed class RememberedPicksTests
{
    [Fact]
    public async Task A_pick_is_kept_replaced_and_forgotten_on_sqlite()
    {
        using var directory = new TempDirectory("switchboard-picks");
        try
        {
            await CheckAsync(new SqliteStorageProvider(new StorageOptions { SqlitePath = Path.Combine(directory.Path, "hub.db") }));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task A_pick_is_kept_replaced_and_forgotten_on_postgresql()
    {
        // Set by ./test.sh, which starts PostgreSQL; PostgreSQL tests never pass silently without it.
        var server = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_POSTGRES");
        server.ShouldNotBeNullOrEmpty("SWITCHBOARD_TEST_POSTGRES is not set: run the tests through ./test.sh");
        var database = $"sb_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await CheckAsync(new PostgreSqlStorageProvider(new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = connectionString }));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task CheckAsync(IStorageProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var migrator = new SchemaMigrator(provider, [new ScreenPopSchema()], clock, NullLogger<SchemaMigrator>.Instance);
        (await migrator.MigrateAsync(CancellationToken.None)).ShouldBe(1);
        var picks = new RememberedPicks(provider, clock);

        (await picks.FindAsync("+4940555123", CancellationToken.None)).ShouldBeNull();
        await picks.RememberAsync("+4940555123", "crm:C-20", "agent-1", "call-1", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await picks.RememberAsync("+4940555123", "crm:C-21", "agent-2", "call-2", CancellationToken.None);

        (await picks.FindAsync("+4940555123", CancellationToken.None)).ShouldBe(
            new RememberedPick("+4940555123", "crm:C-21", "agent-2", "call-2", clock.GetUtcNow()));
        (await picks.ForgetAsync("+4940555123", CancellationToken.None)).ShouldBeTrue();
        (await picks.FindAsync("+4940555123", CancellationToken.None)).ShouldBeNull();
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
