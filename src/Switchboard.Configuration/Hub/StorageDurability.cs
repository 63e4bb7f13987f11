namespace Switchboard.Configuration;

/// <summary>What an acknowledged event survives.</summary>
public enum StorageDurability
{
    /// <summary>Committed before the acknowledgement: survives kill -9 of the hub (SQLite WAL, synchronous=NORMAL).</summary>
    Process,

    /// <summary>Also survives power loss (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on); slower.</summary>
    Power,
}
