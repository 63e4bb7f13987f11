using System.Data.Common;
using System.Text;
using Dapper;

namespace Switchboard.Storage.Locks;

/// <summary>
/// A lock on one named record, held against every other holder of the same name: in this process and, on
/// PostgreSQL, in every hub process sharing the database. For work that reads a record, decides and writes it
/// back through several stores (each on its own connection), where two holders interleaving would lose an
/// update or create the record twice.
/// </summary>
/// <remarks>
/// On PostgreSQL the holder is a transaction on a connection of its own that took
/// <c>pg_advisory_xact_lock(scope, key)</c>: the lock ends with that transaction (released, rolled back, or
/// the connection lost), never with a pooled session left holding it. On SQLite the hub is one process per
/// database file, and the lock is one of <see cref="Stripes"/> semaphores in this process. Scope and key are
/// 32-bit FNV-1a hashes of their names; two names sharing a hash (or a stripe) only wait for each other.
/// </remarks>
public sealed class RecordLocks(IStorageProvider provider)
{
    /// <summary>How many in-process locks the names share on SQLite.</summary>
    public const int Stripes = 64;

    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits until no other process holds <paramref name="key"/> in <paramref name="scope"/>, then holds it until disposed.</summary>
    public async ValueTask<IAsyncDisposable> HoldAsync(string scope, string key, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(key);
        if (provider.Kind != StorageProviderKind.PostgreSql)
        {
            var stripe = _stripes[Stripe(scope, key)];
            await stripe.WaitAsync(ct);
            return new Released(stripe);
        }

        var connection = await provider.OpenAsync(ct);
        DbTransaction? tx = null;
        try
        {
            tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@scope, @key)", new { scope = Hash(scope), key = Hash(key) }, tx, cancellationToken: ct));
            return new Held(connection, tx);
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Makes this the only hub process sharing the PostgreSQL database that holds <paramref name="key"/> in
    /// <paramref name="scope"/>, for as long as the caller keeps the returned handle (a queue consumer's whole life):
    /// tries at once, then every <paramref name="retry"/> while another process holds it. A session-level
    /// <c>pg_try_advisory_lock</c> on a connection of its own: a process that dies releases it with its connection,
    /// and disposing the handle unlocks it (or, if that fails, drops the connection from the pool). On SQLite, one hub
    /// process per file, there is no other process and it returns at once.
    /// </summary>
    public async ValueTask<IAsyncDisposable> HoldAgainstOtherProcessesAsync(string scope, string key, TimeSpan retry, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(key);
        if (provider.Kind != StorageProviderKind.PostgreSql)
        {
            return NothingHeld.Instance;
        }

        var arguments = new { scope = Hash(scope), key = Hash(key) };
        while (true)
        {
            var connection = await provider.OpenAsync(ct);
            try
            {
                if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT pg_try_advisory_lock(@scope, @key)", arguments, cancellationToken: ct)))
                {
                    return new SessionHeld(connection, arguments);
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            await Task.Delay(retry, ct);
        }
    }

    /// <summary>The in-process lock a name takes on SQLite: the same for the same name in every run.</summary>
    internal static int Stripe(string scope, string key) => (int)(unchecked((uint)Hash(scope) * 31u + (uint)Hash(key)) % Stripes);

    /// <summary>32-bit FNV-1a of the UTF-8 text, as PostgreSQL's int4 lock key: stable across processes and versions.</summary>
    internal static int Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return unchecked((int)hash);
    }

    private sealed class Held(DbConnection connection, DbTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Rolling back ends the transaction and with it the lock; it wrote nothing.
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private sealed class SessionHeld(DbConnection connection, object arguments) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@scope, @key)", arguments));
            }
            catch (DbException)
            {
                // The session may still hold the lock: it must not go back to the pool.
                if (connection is Npgsql.NpgsqlConnection npgsql)
                {
                    Npgsql.NpgsqlConnection.ClearPool(npgsql);
                }
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NothingHeld : IAsyncDisposable
    {
        public static readonly NothingHeld Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Released(SemaphoreSlim stripe) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
