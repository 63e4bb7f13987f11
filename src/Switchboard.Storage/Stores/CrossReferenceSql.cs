using System.Data.Common;
using Dapper;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;

namespace Switchboard.Storage.Stores;

/// <summary>The cross-reference statements, run inside the caller's transaction.</summary>
internal static class CrossReferenceSql
{
    private const string Columns =
        "kind AS Kind, system AS System, external_id AS ExternalId, hub_id AS HubId, version AS Version, seen_at AS SeenAt";

    // A hub record has at most one id per system: a link to a new external id replaces the old
    // one first, then the upsert keyed on the external id moves or refreshes the link.
    private const string DeleteReplacedSql = """
        DELETE FROM cross_references
        WHERE kind = @kind AND hub_id = @hubId AND system = @system AND external_id <> @externalId
        """;

    private const string UpsertSql = """
        INSERT INTO cross_references (kind, system, external_id, hub_id, version, seen_at)
        VALUES (@kind, @system, @externalId, @hubId, @version, @seenAt)
        ON CONFLICT (kind, system, external_id) DO UPDATE SET
            hub_id = excluded.hub_id, version = excluded.version, seen_at = excluded.seen_at
        """;

    public static async Task LinkAsync(DbConnection connection, DbTransaction tx, CrossReference x, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(x.HubId, nameof(x));
        ArgumentException.ThrowIfNullOrWhiteSpace(x.System, nameof(x));
        ArgumentException.ThrowIfNullOrWhiteSpace(x.ExternalId, nameof(x));
        var parameters = new
        {
            kind = x.Kind.ToString(),
            system = x.System,
            externalId = x.ExternalId,
            hubId = x.HubId,
            version = x.Version,
            seenAt = StoreSql.ToMs(x.SeenAt),
        };
        await connection.ExecuteAsync(new CommandDefinition(DeleteReplacedSql, parameters, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, parameters, tx, cancellationToken: ct));
    }

    /// <summary>Links the cross-references of one record, checking they are that record's.</summary>
    public static async Task LinkAllAsync(
        DbConnection connection, DbTransaction tx, EntityKind kind, string hubId, IReadOnlyList<CrossReference> links, CancellationToken ct)
    {
        foreach (var x in links)
        {
            if (x.Kind != kind || x.HubId != hubId)
            {
                throw new ArgumentException(
                    $"Cross-reference {x.System}/{x.ExternalId} is for {x.Kind} '{x.HubId}', not for {kind} '{hubId}'.", nameof(links));
            }

            await LinkAsync(connection, tx, x, ct);
        }
    }

    public static async Task<CrossReference?> FindAsync(
        DbConnection connection, EntityKind kind, string system, string externalId, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM cross_references WHERE kind = @kind AND system = @system AND external_id = @externalId",
            new { kind = kind.ToString(), system, externalId },
            cancellationToken: ct));
        return row?.ToModel();
    }

    /// <summary>The cross-references of several records of one kind, by hub id, in system order.</summary>
    public static async Task<ILookup<string, CrossReference>> ListForAsync(
        DbConnection connection, EntityKind kind, IReadOnlyList<string> hubIds, CancellationToken ct)
    {
        if (hubIds.Count == 0)
        {
            return Array.Empty<CrossReference>().ToLookup(x => x.HubId);
        }

        var parameters = new DynamicParameters();
        parameters.Add("kind", kind.ToString());
        var ids = StoreSql.InList(parameters, "id", hubIds);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM cross_references WHERE kind = @kind AND hub_id IN {ids} ORDER BY system, external_id",
            parameters,
            cancellationToken: ct));
        return rows.Select(r => r.ToModel()).ToLookup(x => x.HubId, StringComparer.Ordinal);
    }

    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public string System { get; set; } = "";
        public string ExternalId { get; set; } = "";
        public string HubId { get; set; } = "";
        public string? Version { get; set; }
        public long? SeenAt { get; set; }

        public CrossReference ToModel() =>
            new(StoreSql.ParseEnum<EntityKind>(Kind), HubId, System, ExternalId, Version, StoreSql.FromMs(SeenAt));
    }
}
