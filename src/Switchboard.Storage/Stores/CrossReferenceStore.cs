using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;

namespace Switchboard.Storage.Stores;

/// <summary>
/// Links between hub records and their ids in external systems. An external id names one hub
/// record per kind and system, and a hub record has one id per system.
/// </summary>
public sealed class CrossReferenceStore(IStorageProvider provider)
{
    /// <summary>
    /// Records or refreshes a link, keyed by kind, system and external id. A new external id for
    /// the same hub record and system replaces the old link.
    /// </summary>
    public async Task LinkAsync(CrossReference x, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(x);
        await using var connection = await provider.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await CrossReferenceSql.LinkAsync(connection, tx, x, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<CrossReference>> ListForAsync(EntityKind kind, string hubId, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        var links = await CrossReferenceSql.ListForAsync(connection, kind, [hubId], ct);
        return [.. links[hubId]];
    }

    public async Task<CrossReference?> FindAsync(EntityKind kind, string system, string externalId, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        return await CrossReferenceSql.FindAsync(connection, kind, system, externalId, ct);
    }
}
