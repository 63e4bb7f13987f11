using Microsoft.Data.Sqlite;

namespace Switchboard.Storage.Tests.Compliance;

/// <summary>A temporary SQLite file per test class, deleted afterwards with its WAL files.</summary>
public sealed class SqliteStorageFixture : StorageFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchboard-storage-tests", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_directory, "hub.db");

    protected override IStorageProvider NewProvider(Durability durability) =>
        new SqliteStorageProvider(new StorageOptions { SqlitePath = FilePath, Durability = durability });

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
