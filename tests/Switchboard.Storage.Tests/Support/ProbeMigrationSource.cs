using Switchboard.Storage.Migrations;

namespace Switchboard.Storage.Tests.Support;

/// <summary>A module of throwaway tables, named uniquely per test, to watch the migrator at work.</summary>
public sealed class ProbeMigrationSource(string module, params Migration[] migrations) : IMigrationSource
{
    public string Module { get; } = module;

    public IReadOnlyList<Migration> Migrations { get; } = migrations;

    public static string NewModule() => "probe_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates a table and writes one row: applied twice, it would fail or leave two rows.</summary>
    public static Migration CreatesTable(int version, string table)
    {
        var sql = $"CREATE TABLE {table} (n INTEGER NOT NULL); INSERT INTO {table} (n) VALUES ({version});";
        return new Migration(version, "create " + table, sql, sql);
    }
}
