namespace Switchboard.Configuration;

/// <summary>The <c>storage</c> section of switchboard.yaml. Changes take effect on restart.</summary>
public sealed record StorageSettings
{
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    public StorageDurability Durability { get; init; } = StorageDurability.Process;

    public SqliteSettings Sqlite { get; init; } = new();

    /// <summary>Present when the file has a <c>storage.postgresql</c> section; required when <see cref="Provider"/> is PostgreSQL.</summary>
    public PostgresqlSettings? Postgresql { get; init; }
}
