namespace Switchboard.Configuration;

public enum StorageProvider
{
    /// <summary>One SQLite file in the data directory: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by several hub processes.</summary>
    Postgresql,
}
