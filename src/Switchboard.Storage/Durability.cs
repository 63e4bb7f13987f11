namespace Switchboard.Storage;

/// <summary>What a committed write survives.</summary>
public enum Durability
{
    /// <summary>A crash or kill -9 of the hub process (the default).</summary>
    Process,
    /// <summary>Also a power loss or operating-system crash: every commit waits for the disk.</summary>
    Power,
}
