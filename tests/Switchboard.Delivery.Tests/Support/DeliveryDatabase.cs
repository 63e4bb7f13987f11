using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Delivery.Outbox;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Schema;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Support;

/// <summary>A migrated hub database (a SQLite file in a temporary folder, or a fresh PostgreSQL database) with the delivery tables.</summary>
public sealed class DeliveryDatabase : IAsyncDisposable
{
    private readonly TempDirectory? _directory;
    private readonly TestPostgres? _postgres;

    private DeliveryDatabase(IStorageProvider storage, TempDirectory? directory, TestPostgres? postgres)
    {
        Storage = storage;
        _directory = directory;
        _postgres = postgres;
    }

    public IStorageProvider Storage { get; }

    public static async Task<DeliveryDatabase> CreateAsync(TestStorage kind)
    {
        DeliveryDatabase database;
        if (kind == TestStorage.PostgreSql)
        {
            var postgres = await TestPostgres.CreateAsync();
            database = new DeliveryDatabase(
                new PostgreSqlStorageProvider(new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = postgres.ConnectionString }),
                null, postgres);
        }
        else
        {
            var directory = new TempDirectory();
            database = new DeliveryDatabase(new SqliteStorageProvider(new StorageOptions { SqlitePath = Path.Combine(directory.Path, "hub.db") }), directory, null);
        }

        await new SchemaMigrator(database.Storage, [new CoreMigrationSource(), new DeliverySchema()], TimeProvider.System, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>A message for <paramref name="target"/> about <paramref name="record"/>, its key derived from <paramref name="id"/>.</summary>
    public static DeliveryMessage Message(string target, string record, string id, string operation = "interaction.log") => new()
    {
        Id = id,
        Target = target,
        Operation = operation,
        RecordKey = record,
        IdempotencyKey = $"test:{id}",
        Source = "test",
        Arguments = new JsonObject { ["record"] = record, ["id"] = id },
        OccurredAt = DateTimeOffset.UtcNow,
        EnqueuedAt = DateTimeOffset.UtcNow,
    };

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _directory?.Dispose();
    }
}
