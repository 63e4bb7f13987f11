using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Switchboard.Storage;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. Readers never block the writer, and with
/// <c>synchronous=NORMAL</c> a commit is in the WAL (the OS page cache) before the call returns,
/// so it survives kill -9 of the hub; <c>FULL</c> also fsyncs the WAL on every commit, so it
/// survives power loss.
/// </summary>
public sealed class SqliteStorageProvider : IStorageProvider
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    // journal_mode=WAL is stored in the file itself, so it is set once per provider, not on
    // every open. busy_timeout comes first because switching to WAL needs a brief exclusive lock.
    private int _walEnabled;

    public SqliteStorageProvider(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            throw new ArgumentException("StorageOptions.SqlitePath names no file.", nameof(options));
        }

        FilePath = Path.GetFullPath(options.SqlitePath);
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        Durability = options.Durability;
        var synchronous = options.Durability == Durability.Power ? "FULL" : "NORMAL";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        // synchronous, busy_timeout and foreign_keys are per connection and reset by nothing but
        // a new connection; re-applying them on a pooled one costs no I/O.
        _connectionPragmas = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON;";
        Description = $"SQLite {FilePath} (synchronous={synchronous})";
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, string> Configured = new();

    public StorageProviderKind Kind => StorageProviderKind.Sqlite;

    public string Description { get; }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    public Durability Durability { get; }

    /// <summary>A deferred transaction: in WAL mode its first read fixes the snapshot, and it never blocks writers.</summary>
    public ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            if (Volatile.Read(ref _walEnabled) == 0)
            {
                command.CommandText = "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL;";
                await command.ExecuteNonQueryAsync(ct);
                Volatile.Write(ref _walEnabled, 1);
            }

            // A pooled connection is the same SQLite connection again, with its pragmas still set: they are
            // applied once per physical connection, not on every open (three statements parsed each time).
            var handle = connection.Handle;
            // (Two providers on one file share the pool: a connection remembers whose pragmas it has.)
            if (handle is null || !Configured.TryGetValue(handle, out var applied) || !ReferenceEquals(applied, _connectionPragmas))
            {
                command.CommandText = _connectionPragmas;
                await command.ExecuteNonQueryAsync(ct);
                if (handle is not null)
                {
                    Configured.AddOrUpdate(handle, _connectionPragmas);
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task PingAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(ct);
    }
}
