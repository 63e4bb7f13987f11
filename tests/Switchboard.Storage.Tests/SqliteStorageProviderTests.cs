using Dapper;
using Microsoft.Data.Sqlite;

namespace Switchboard.Storage.Tests;

public sealed class SqliteStorageProviderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchboard-storage-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(Durability.Process, 1L)]
    [InlineData(Durability.Power, 2L)]
    public async Task Journal_mode_is_wal_and_synchronous_follows_durability(Durability durability, long synchronous)
    {
        var provider = new SqliteStorageProvider(new StorageOptions { SqlitePath = Path.Combine(_directory, "hub.db"), Durability = durability });

        await using var connection = await provider.OpenAsync(CancellationToken.None);

        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).ShouldBe("wal");
        // 1 is NORMAL, 2 is FULL.
        (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(synchronous);
        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).ShouldBe(1L);
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).ShouldBe(5000L);
        provider.Description.ShouldContain(durability == Durability.Power ? "synchronous=FULL" : "synchronous=NORMAL");
    }

    [Fact]
    public async Task Every_connection_gets_the_settings_not_only_the_first()
    {
        var provider = new SqliteStorageProvider(new StorageOptions { SqlitePath = Path.Combine(_directory, "hub.db"), Durability = Durability.Power });
        await (await provider.OpenAsync(CancellationToken.None)).DisposeAsync();

        await using var first = await provider.OpenAsync(CancellationToken.None);
        await using var second = await provider.OpenAsync(CancellationToken.None);

        (await second.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(2L);
        (await second.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).ShouldBe(1L);
        (await second.ExecuteScalarAsync<string>("PRAGMA journal_mode")).ShouldBe("wal");
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_settings_and_another_provider_on_the_file_applies_its_own()
    {
        var path = Path.Combine(_directory, "hub.db");
        var power = new SqliteStorageProvider(new StorageOptions { SqlitePath = path, Durability = Durability.Power });
        var process = new SqliteStorageProvider(new StorageOptions { SqlitePath = path, Durability = Durability.Process });
        SQLitePCL.sqlite3? handle;
        await using (var first = await power.OpenAsync(CancellationToken.None))
        {
            handle = ((SqliteConnection)first).Handle;
        }

        await using (var again = await power.OpenAsync(CancellationToken.None))
        {
            ((SqliteConnection)again).Handle.ShouldBeSameAs(handle, "the pool hands the same connection back");
            (await again.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(2L);
            (await again.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).ShouldBe(5000L);
        }

        await using (var other = await process.OpenAsync(CancellationToken.None))
        {
            ((SqliteConnection)other).Handle.ShouldBeSameAs(handle);
            (await other.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(1L);
        }

        await using var back = await power.OpenAsync(CancellationToken.None);
        (await back.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(2L);
    }

    [Fact]
    public async Task The_directory_of_the_file_is_created()
    {
        var path = Path.Combine(_directory, "nested", "deeper", "hub.db");
        var provider = new SqliteStorageProvider(new StorageOptions { SqlitePath = path });

        await provider.PingAsync(CancellationToken.None);

        File.Exists(path).ShouldBeTrue();
        provider.FilePath.ShouldBe(path);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
