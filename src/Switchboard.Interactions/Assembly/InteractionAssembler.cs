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
/// it, idempotently (last writer by occurrence time wins).
/// </summary>
public sealed class InteractionAssembler(
    IStorageProvider storage,
    InteractionStore interactions,
    AgentStore agents,
    CustomerStore customers,
    InteractionFolder folder,
    IEnumerable<IInteractionObserver> observers)
{
    private readonly IInteractionObserver[] _observers = [.. observers];

    /// <summary>Applies the next batch of unapplied journal rows; returns how many.</summary>
    /// <remarks>
    /// One connection and one transaction per batch: the folds, the timeline appends and the "applied"
    /// marks commit together, so a crash leaves a batch either wholly applied or wholly pending.
    /// </remarks>
    public async Task<int> ApplyPendingAsync(int limit, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var rows = (await connection.QueryAsync<PendingRow>(new CommandDefinition(
            "SELECT seq AS Seq, payload AS Payload, received_at AS ReceivedAt FROM inbound_events WHERE applied = 0 ORDER BY seq LIMIT @limit",
            new { limit }, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var events = rows.Select(r => (Event: JournalRow.Read(r.Payload), ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt))).ToList();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var calls = events.Where(e => e.Event.CallId is not null && EventTypes.IsCall(e.Event.Type)).GroupBy(e => e.Event.CallId!, StringComparer.Ordinal).ToList();
        var stored = await interactions.FindByCallIdsAsync([.. calls.Select(c => c.Key)], connection, transaction, ct);
        foreach (var call in calls)
        {
            await ApplyCallAsync(connection, transaction, call.Key, stored.GetValueOrDefault(call.Key), [.. call.Select(e => TimelineEntry.From(e.Event, e.ReceivedAt))], ct);
        }

        // One writer assigns seq in commit order, so every row up to the last one read was read.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inbound_events SET applied = 1 WHERE applied = 0 AND seq BETWEEN @first AND @last",
            new { first = rows[0].Seq, last = rows[^1].Seq }, transaction, cancellationToken: ct));
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

    private async Task ApplyCallAsync(
        DbConnection connection, DbTransaction transaction, string callId, Interaction? existing, IReadOnlyList<InteractionEvent> arrived, CancellationToken ct)
    {
        var known = existing?.Timeline.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal) ?? [];
        var fresh = arrived.Where(e => known.Add(e.EventId)).ToList();
        if (existing is not null && fresh.Count == 0)
        {
            return;
        }

        var folded = folder.Fold(existing?.Id ?? HubIds.New(), callId, [.. existing?.Timeline ?? [], .. fresh], existing?.CustomerId);
        if (folded.CustomerId is null && folded.CallerNumber is { } caller && caller != existing?.CallerNumber)
        {
            // Looked up once, when the caller's number becomes known. One owner: linked. Several: the
            // agent picks (screen pop) and that choice is kept.
            var owners = await customers.FindByPhoneAsync(caller, ct);
            if (owners.Count == 1)
            {
                folded = folded with { CustomerId = owners[0].Id };
            }
        }

        await interactions.UpsertAsync(folded, connection, transaction, ct, storedAgents: existing?.AgentIds ?? []);
        foreach (var e in fresh)
        {
            await interactions.AppendEventAsync(folded.Id, e, connection, transaction, ct);
        }

        foreach (var observer in _observers)
        {
            await observer.OnChangedAsync(existing, folded, fresh, connection, transaction, ct);
        }
    }

    private sealed class PendingRow
    {
        public long Seq { get; set; }
        public string Payload { get; set; } = "";
        public long ReceivedAt { get; set; }
    }

}
