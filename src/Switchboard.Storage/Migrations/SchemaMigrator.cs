using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Switchboard.Storage.Schema;

namespace Switchboard.Storage.Migrations;

/// <summary>
/// Brings the database up to the schema every registered <see cref="IMigrationSource"/> asks
/// for. Each migration runs in its own transaction together with its <c>schema_migrations</c>
/// row, so a crash leaves it either wholly applied or not at all.
/// </summary>
/// <remarks>
/// Several hub processes may start at once. On PostgreSQL each migration transaction first takes
/// a transaction-scoped advisory lock and then checks whether the migration is still pending; on
/// SQLite the transaction starts with <c>BEGIN IMMEDIATE</c> (the write lock) and checks the same.
/// The loser of the race finds the row and skips the migration.
/// </remarks>
public sealed class SchemaMigrator
{
    // Any constant shared by all hub processes; the bytes spell "SWBD-MIG".
    private const long AdvisoryLockKey = 0x5357_4244_2D4D_4947;

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module TEXT NOT NULL,
            version INTEGER NOT NULL,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL,
            PRIMARY KEY (module, version)
        )
        """;

    private readonly IStorageProvider _provider;
    private readonly IReadOnlyList<IMigrationSource> _sources;
    private readonly TimeProvider _time;
    private readonly ILogger<SchemaMigrator> _logger;

    public SchemaMigrator(
        IStorageProvider provider,
        IEnumerable<IMigrationSource> sources,
        TimeProvider time,
        ILogger<SchemaMigrator> logger)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _provider = provider;
        _sources = Order(sources);
        _time = time;
        _logger = logger;
    }

    /// <summary>Applies every pending migration; returns how many this call applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await _provider.OpenAsync(ct);
        await using (var tx = await BeginLockedAsync(connection, ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateTableSql, transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        // Read without the lock to skip the common case quickly; pending ones are re-checked under it.
        var applied = (await connection.QueryAsync<(string Module, long Version)>(new CommandDefinition(
                "SELECT module, CAST(version AS BIGINT) AS version FROM schema_migrations", cancellationToken: ct)))
            .Select(r => (r.Module, (int)r.Version))
            .ToHashSet();

        var count = 0;
        foreach (var source in _sources)
        {
            foreach (var migration in source.Migrations.OrderBy(m => m.Version))
            {
                if (!applied.Contains((source.Module, migration.Version))
                    && await ApplyAsync(connection, source.Module, migration, ct))
                {
                    count++;
                }
            }
        }

        if (count == 0)
        {
            _logger.SchemaUpToDate(_provider.Description, _sources.Count);
        }

        return count;
    }

    private async Task<bool> ApplyAsync(DbConnection connection, string module, Migration migration, CancellationToken ct)
    {
        await using var tx = await BeginLockedAsync(connection, ct);
        var key = new { module, version = migration.Version };
        var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_migrations WHERE module = @module AND version = @version",
            key, tx, cancellationToken: ct));
        if (done > 0)
        {
            _logger.MigrationAppliedElsewhere(module, migration.Version);
            return false;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                migration.SqlFor(_provider.Kind), transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@module, @version, @name, @appliedAt)",
                new { module, version = migration.Version, name = migration.Name, appliedAt = _time.GetUtcNow().ToUnixTimeMilliseconds() },
                tx,
                cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        catch (DbException ex)
        {
            _logger.MigrationFailed(ex, module, migration.Version, migration.Name, _provider.Description);
            throw new InvalidOperationException(
                $"Migration {module} {migration.Version} '{migration.Name}' failed and was rolled back: {ex.Message}", ex);
        }

        _logger.MigrationApplied(module, migration.Version, migration.Name, _provider.Description);
        return true;
    }

    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite begins a default (serializable) transaction with BEGIN IMMEDIATE.
        var tx = await connection.BeginTransactionAsync(ct);
        if (_provider.Kind == StorageProviderKind.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, tx, cancellationToken: ct));
        }

        return tx;
    }

    private static List<IMigrationSource> Order(IEnumerable<IMigrationSource> sources)
    {
        var list = sources.ToList();
        foreach (var group in list.GroupBy(s => s.Module, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"Two migration sources are registered for module '{group.Key}'.");
        }

        foreach (var source in list)
        {
            if (string.IsNullOrWhiteSpace(source.Module))
            {
                throw new InvalidOperationException($"{source.GetType().Name} has no module name.");
            }

            var duplicate = source.Migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidOperationException($"Module '{source.Module}' has two migrations numbered {duplicate.Key}.");
            }
        }

        // The core tables first: other modules may refer to them.
        return [.. list.OrderBy(s => s.Module == CoreMigrationSource.ModuleName ? 0 : 1)];
    }
}
