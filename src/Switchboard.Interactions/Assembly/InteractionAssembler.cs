using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Common;
using Switchboard.Core.Events;
using Switchboard.Core.Interactions;
using Switchboard.Interactions.Journal;
using Switchboard.Storage;
using Switchboard.Storage.Stores;

namespace Switchboard.Interactions.Assembly;

/// <summary>
/// Folds committed journal events into interactions and agent state, in journal order, and marks them
/// applied. It reads the journal rather than an in-memory queue, so memory stays bounded when it falls
/// behind and a restart simply resumes from the first unapplied row. Applying is idempotent (timeline
/// entries are unique by event id, the fold depends only on the set of events), so a crash between
/// applying and marking only repeats work.
/// </summary>
public sealed partial class InteractionAssembler(
    IStorageProvider storage,
    InteractionStore interactions,
    AgentStore agents,
    CustomerStore customers,
    InteractionFolder folder,
    JournalSignal signal,
    TimeProvider clock,
    ILogger<InteractionAssembler> logger) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int applied;
            try
            {
                applied = await ApplyPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogApplyFailed(logger, ex);
                await Task.Delay(IdlePoll, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (applied < BatchSize)
            {
                await signal.WaitAsync(IdlePoll, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Applies up to <see cref="BatchSize"/> unapplied journal rows; returns how many.</summary>
    public async Task<int> ApplyPendingAsync(CancellationToken ct)
    {
        List<PendingRow> rows;
        await using (var connection = await storage.OpenAsync(ct))
        {
            rows = [.. await connection.QueryAsync<PendingRow>(new CommandDefinition(
                "SELECT seq AS Seq, payload AS Payload, received_at AS ReceivedAt FROM inbound_events WHERE applied = 0 ORDER BY seq LIMIT @limit",
                new { limit = BatchSize }, cancellationToken: ct))];
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var events = rows.Select(r => (Event: JournalRow.Read(r.Payload), ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt))).ToList();
        foreach (var call in events.Where(e => e.Event.CallId is not null && EventTypes.IsCall(e.Event.Type)).GroupBy(e => e.Event.CallId!, StringComparer.Ordinal))
        {
            await ApplyCallAsync(call.Key, [.. call.Select(e => TimelineEntry.From(e.Event, e.ReceivedAt))], ct);
        }

        foreach (var agentEvents in events.Where(e => EventTypes.IsAgent(e.Event.Type)).GroupBy(e => e.Event.AgentId!, StringComparer.Ordinal))
        {
            var agent = await agents.GetAsync(agentEvents.Key, ct);
            var updated = agentEvents.Select(e => e.Event).OrderBy(e => e.OccurredAt).Aggregate(agent, (a, e) => AgentStateFolder.Apply(a, e));
            if (!ReferenceEquals(updated, agent))
            {
                await agents.UpsertAsync(updated!, ct);
            }
        }

        await using (var connection = await storage.OpenAsync(ct))
        {
            // One writer assigns seq in commit order, so every row up to the last one read was read.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE inbound_events SET applied = 1 WHERE applied = 0 AND seq BETWEEN @first AND @last",
                new { first = rows[0].Seq, last = rows[^1].Seq }, cancellationToken: ct));
        }

        return rows.Count;
    }

    private async Task ApplyCallAsync(string callId, IReadOnlyList<InteractionEvent> arrived, CancellationToken ct)
    {
        var existing = await interactions.FindByCallIdAsync(callId, ct);
        var known = existing?.Timeline.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal) ?? [];
        var fresh = arrived.Where(e => known.Add(e.EventId)).ToList();
        if (existing is not null && fresh.Count == 0)
        {
            return;
        }

        var folded = folder.Fold(existing?.Id ?? HubIds.New(), callId, [.. existing?.Timeline ?? [], .. fresh], existing?.CustomerId);
        if (folded.CustomerId is null && folded.CallerNumber is { } caller)
        {
            // One customer owns the number: link it. Several: the agent picks (screen pop) and that choice is kept.
            var owners = await customers.FindByPhoneAsync(caller, ct);
            if (owners.Count == 1)
            {
                folded = folded with { CustomerId = owners[0].Id };
            }
        }

        await interactions.UpsertAsync(folded, ct);
        foreach (var e in fresh)
        {
            await interactions.AppendEventAsync(folded.Id, e, ct);
        }
    }

    private sealed class PendingRow
    {
        public long Seq { get; set; }
        public string Payload { get; set; } = "";
        public long ReceivedAt { get; set; }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Applying journal events failed; will retry")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
