using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Switchboard.Storage;

/// <summary>
/// PostgreSQL for several hub processes sharing one state, through one pooled
/// <see cref="NpgsqlDataSource"/>.
/// </summary>
/// <remarks>
/// Durability: every committed PostgreSQL transaction is in the server's WAL buffers, so it
/// survives kill -9 of the hub whatever <c>synchronous_commit</c> says; the hub is the client,
/// not the server. <see cref="Durability.Process"/> therefore leaves the server's own setting
/// alone (an operator may have chosen <c>off</c> for speed, accepting loss on a server crash).
/// <see cref="Durability.Power"/> sets <c>synchronous_commit=on</c> on every session so each
/// commit waits until its WAL is flushed to disk, whatever the server default is.
/// </remarks>
public sealed class PostgreSqlStorageProvider : IStorageProvider, IAsyncDisposable, IDisposable
{
    /// <summary>A readiness check must answer quickly, even when the server is a black hole.</summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlStorageProvider(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.PostgreSqlConnectionString))
        {
            throw new ArgumentException(
                "StorageOptions.PostgreSqlConnectionString is required when the provider is PostgreSql.", nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.PostgreSqlConnectionString);
        ApplyDefaults(builder, options.PostgreSqlConnectionString);
        if (options.Durability == Durability.Power)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options)
                ? "-c synchronous_commit=on"
                : builder.Options + " -c synchronous_commit=on";
        }

        Durability = options.Durability;
        // Built from the parts that are safe to show rather than by masking the password, so a
        // password given some other way (Passfile, an alias keyword) cannot leak either.
        Description = string.Create(
            CultureInfo.InvariantCulture,
            $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}");
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public StorageProviderKind Kind => StorageProviderKind.PostgreSql;

    /// <summary>
    /// The hub's defaults for what the connection string leaves out. The hub keeps no session state on a pooled
    /// connection (no SET, no LISTEN, no temporary table; its advisory locks end with their transaction), so a
    /// connection going back to the pool is not reset: the reset (DISCARD ALL) was a round trip and a statement on
    /// the server for every query. Statements the hub runs again and again (every lookup of a screen pop, every
    /// group commit) are prepared on their connection after a few uses, so the server parses and plans them once
    /// instead of on every call. Either can be set otherwise in the connection string.
    /// </summary>
    internal static void ApplyDefaults(NpgsqlConnectionStringBuilder builder, string given)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = given }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        if (!named.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        if (!named.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }
    }

    public string Description { get; }

    public Durability Durability { get; }

    /// <summary>REPEATABLE READ: PostgreSQL takes one snapshot for the whole transaction.</summary>
    public async ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await ((NpgsqlConnection)connection).BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct);

    public async Task PingAsync(CancellationToken ct)
    {
        // Npgsql does not abandon every stage of opening a connection on cancellation (a server
        // that accepts TCP and never answers holds it until the connection Timeout), so the wait
        // itself is bounded too. The attempt left behind ends on its own; the continuation
        // observes its error and disposes its token source only then, so its cancel still fires.
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(PingTimeout);
        var ping = PingOnceAsync(timeout.Token);
        _ = ping.ContinueWith(
            static (t, source) =>
            {
                ((CancellationTokenSource)source!).Dispose();
                return t.Exception;
            },
            timeout,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            await ping.WaitAsync(PingTimeout, ct);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new TimeoutException($"{Description} did not answer within {PingTimeout.TotalSeconds:0} s.", ex);
        }
    }

    private async Task PingOnceAsync(CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        command.CommandTimeout = (int)Math.Ceiling(PingTimeout.TotalSeconds);
        await command.ExecuteScalarAsync(ct);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
