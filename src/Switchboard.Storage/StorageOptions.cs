namespace Switchboard.Storage;

/// <summary>Where and how durably the hub keeps its state.</summary>
public sealed class StorageOptions
{
    public StorageProviderKind Provider { get; set; } = StorageProviderKind.Sqlite;

    /// <summary>The SQLite database file; its directory is created when missing.</summary>
    public string SqlitePath { get; set; } = "switchboard.db";

    /// <summary>An Npgsql connection string, required when <see cref="Provider"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    public Durability Durability { get; set; } = Durability.Process;
}
