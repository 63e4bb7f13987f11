namespace Switchboard.Storage;

/// <summary>Which database holds the hub's state.</summary>
public enum StorageProviderKind
{
    /// <summary>One file on the hub's machine: the embedded default.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server shared by several hub processes.</summary>
    PostgreSql,
}
