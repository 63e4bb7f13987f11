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

    /// <summary>Completes when the database answers; throws when it is unreachable.</summary>
    Task PingAsync(CancellationToken ct);
}
