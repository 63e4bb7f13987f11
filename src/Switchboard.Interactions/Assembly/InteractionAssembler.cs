using System.Data.Common;
using Dapper;
using Switchboard.Core.Common;
using Switchboard.Core.Events;
using Switchboard.Core.Interactions;
using Switchboard.Interactions.Journal;
using Switchboard.Storage;
using Switchboard.Storage.Stores;

namespace Switchboard.Interactions.Assembly;

/// <summary>
/// Folds committed journal events into interactions and agent state, in journal order, and marks them
/// applied; the journal's writer loop calls it whenever no request waits. It reads the journal rather
/// than an in-memory queue, so memory stays bounded when it falls behind and a restart simply resumes
/// from the first unapplied row. Calls are applied and marked in one transaction; agent state after
/// it, idempotently (last writer by occurrence time wins). Hub processes sharing a PostgreSQL database
/// take turns, one slice at a time.
/// </summary>
public sealed class InteractionAssembler(
    IStorageProvider storage,
    InteractionStore interactions,
    AgentStore agents,
    CustomerStore customers,
    InteractionFolder folder,
    IEnumerable<IInteractionObserver> observers)
{
    // "SBASSEMB": the PostgreSQL advisory lock that serializes assembly across hub processes.
    private const long AssemblyLockKey = 0x5342_4153_5345_4D42;

    private readonly IInteractionObserver[] _observers = [.. observers];

    /// <summary>Applies the next batch of unapplied journal rows; returns how many.</summary>
    /// <remarks>
    /// One connection and one transaction per batch: the folds, the timeline appends and the "applied"
    /// marks commit together, so a crash leaves a batch either wholly applied or wholly pending.
    /// </remarks>
    public async Task<int> ApplyPendingAsync(int limit, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (storage.Kind == StorageProviderKind.PostgreSql)
        {
            // Hub processes sharing the database fold one slice at a time: two folding the same rows at once would each
            // create the call's interaction. (SQLite: one process, and its transaction already holds the write lock.)
            // Every statement of a slice finds its rows by an index. Until autovacuum first analyzes a growing table
            // (about a minute on a new database), PostgreSQL has no statistics and guesses that each value of an IN list
            // matches 0.5% of the rows: the lookup of a slice's 32 calls among the interactions was planned as a
            // sequential scan of the whole table, in every slice, growing with the table. Scans are ruled out for
            // this transaction only.
            await connection.ExecuteAsync(new CommandDefinition(
                "SET LOCAL enable_seqscan = off; SELECT pg_advisory_xact_lock(@key)",
                new { key = AssemblyLockKey }, transaction, cancellationToken: ct));
        }

        var rows = (await connection.QueryAsync<PendingRow>(new CommandDefinition(
            "SELECT seq AS Seq, payload AS Payload, received_at AS ReceivedAt FROM inbound_events WHERE applied = 0 ORDER BY seq LIMIT @limit",
            new { limit }, transaction, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var events = rows.Select(r => (Event: JournalRow.Read(r.Payload), ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt))).ToList();
        var calls = events.Where(e => e.Event.CallId is not null && EventTypes.IsCall(e.Event.Type)).GroupBy(e => e.Event.CallId!, StringComparer.Ordinal).ToList();
        var stored = await interactions.FindByCallIdsAsync([.. calls.Select(c => c.Key)], connection, transaction, ct);
        var changes = new List<Change>(calls.Count);
        foreach (var call in calls)
        {
            if (Fold(call.Key, stored.GetValueOrDefault(call.Key), [.. call.Select(e => TimelineEntry.From(e.Event, e.ReceivedAt))]) is { } change)
            {
                changes.Add(change);
            }
        }

        await LinkCustomersAsync(changes, connection, transaction, ct);
        await interactions.SaveAsync([.. changes.Select(c => new InteractionWrite(c.After, c.Before?.AgentIds ?? [], c.Fresh))], connection, transaction, ct);
        foreach (var change in changes)
        {
            foreach (var observer in _observers)
            {
                await observer.OnChangedAsync(change.Before, change.After, change.Fresh, connection, transaction, ct);
            }
        }

        // Exactly the rows read: with several hub processes on PostgreSQL a row with a lower seq may commit after a
        // higher one was read, and it must stay pending for the next slice.
        var seqs = new DynamicParameters();
        var list = string.Join(", ", rows.Select((r, i) =>
        {
            seqs.Add("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Seq);
            return "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE inbound_events SET applied = 1 WHERE seq IN ({list})", seqs, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        foreach (var observer in _observers)
        {
            observer.OnCommitted();
        }

        // Agent state is last-writer-wins by occurrence time, so applying it again after a crash is harmless.
        foreach (var agentEvents in events.Where(e => EventTypes.IsAgent(e.Event.Type)).GroupBy(e => e.Event.AgentId!, StringComparer.Ordinal))
        {
            var agent = await agents.GetAsync(agentEvents.Key, ct);
            var updated = agentEvents.Select(e => e.Event).OrderBy(e => e.OccurredAt).Aggregate(agent, (a, e) => AgentStateFolder.Apply(a, e));
            if (!ReferenceEquals(updated, agent))
            {
                await agents.UpsertAsync(updated!, ct);
            }
        }

        return rows.Count;
    }

    /// <returns>The call's interaction after the events that are new to it, or null when none is.</returns>
    private Change? Fold(string callId, Interaction? existing, IReadOnlyList<InteractionEvent> arrived)
    {
        var known = existing?.Timeline.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal) ?? [];
        var fresh = arrived.Where(e => known.Add(e.EventId)).ToList();
        if (existing is not null && fresh.Count == 0)
        {
            return null;
        }

        return new Change(existing, folder.Fold(existing?.Id ?? HubIds.New(), callId, [.. existing?.Timeline ?? [], .. fresh], existing?.CustomerId), fresh);
    }

    /// <summary>
    /// Links a call to its customer once, when the caller's number becomes known: one owner, linked; several, the agent
    /// picks (screen pop) and that choice is kept. The numbers of the whole batch are looked up in one query.
    /// </summary>
    private async Task LinkCustomersAsync(List<Change> changes, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        static bool Unlinked(Change c) => c.After.CustomerId is null && c.After.CallerNumber is { } caller && caller != c.Before?.CallerNumber;
        var numbers = changes.Where(Unlinked).Select(c => c.After.CallerNumber!).Distinct(StringComparer.Ordinal).ToList();
        if (numbers.Count == 0)
        {
            return;
        }

        var owners = await customers.OwnersByPhoneAsync(numbers, connection, transaction, ct);
        for (var i = 0; i < changes.Count; i++)
        {
            if (Unlinked(changes[i]) && owners.TryGetValue(changes[i].After.CallerNumber!, out var ids) && ids.Count == 1)
            {
                changes[i] = changes[i] with { After = changes[i].After with { CustomerId = ids[0] } };
            }
        }
    }

    private sealed record Change(Interaction? Before, Interaction After, IReadOnlyList<InteractionEvent> Fresh);

    private sealed class PendingRow
    {
        public long Seq { get; set; }
        public string Payload { get; set; } = "";
        public long ReceivedAt { get; set; }
    }

}
