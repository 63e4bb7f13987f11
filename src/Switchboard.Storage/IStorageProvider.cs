using System.Data.Common;

namespace Switchboard.Storage;

/// <summary>Opens connections to the hub's database, configured for the chosen durability.</summary>
public interface IStorageProvider
{
    StorageProviderKind Kind { get; }

    /// <summary>What the provider talks to, for logs. Never contains a password.</summary>
    string Description { get; }

    /// <summary>Opens a connection the caller disposes.</summary>
    ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// Begins a read transaction on <paramref name="connection"/> in which every query sees the same
    /// committed state (a snapshot), so a record and its child rows read in several queries agree. It
    /// takes no write lock; the caller disposes it (rolling back is fine: it only read).
    /// </summary>
    ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Completes when the database answers; throws when it is unreachable.</summary>
    Task PingAsync(CancellationToken ct);
}
