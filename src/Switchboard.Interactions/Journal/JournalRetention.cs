using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Events;
using Switchboard.Storage;

namespace Switchboard.Interactions.Journal;

/// <summary>
/// Forgets journal rows nothing needs any more, so the journal does not grow for ever. A row serves twice: until
/// it is folded into its interaction (whose timeline then holds the event), and as the record of its event id that
/// makes a resend a duplicate. The validator refuses events that occurred more than
/// <see cref="ContactCenterEventValidator.MaxAge"/> ago (or more than a few minutes ahead), so a resend of an event
/// received <see cref="Kept"/> ago would be refused anyway: rows received before that, and folded, are deleted, and
/// duplicate detection stays exact.
/// </summary>
/// <remarks>
/// Runs <see cref="EventJournalOptions.RetentionFirstRun"/> after start and then every
/// <see cref="EventJournalOptions.RetentionInterval"/>. Rows go oldest first, <see cref="EventJournalOptions.RetentionChunk"/>
/// per short transaction (a read finds the range, a delete by primary-key range removes it), with a pause between chunks:
/// on SQLite each delete takes the database's one write lock, and ingest's commits must not wait long behind it.
/// Several hub processes on one PostgreSQL database may each run it; deleting the same rows twice is harmless.
/// </remarks>
public sealed partial class JournalRetention(
    IStorageProvider storage, TimeProvider clock, EventJournalOptions options, ILogger<JournalRetention> logger) : BackgroundService
{
    /// <summary>How long a folded row is kept after it was received: the oldest an event may be, and a day for clocks and the future-dated.</summary>
    public static readonly TimeSpan Kept = ContactCenterEventValidator.MaxAge + TimeSpan.FromDays(1);

    /// <summary>Deletes folded rows received before <see cref="Kept"/> ago, oldest first; returns how many.</summary>
    public async Task<long> PruneAsync(CancellationToken ct)
    {
        var cutoff = (clock.GetUtcNow() - Kept).ToUnixTimeMilliseconds();
        var chunk = options.RetentionChunk;
        long after = 0;
        long deleted = 0;
        await using var connection = await storage.OpenAsync(ct);
        while (true)
        {
            var page = (await connection.QueryAsync<(long Seq, long ReceivedAt)>(new CommandDefinition(
                "SELECT seq, received_at FROM inbound_events WHERE seq > @after ORDER BY seq LIMIT @chunk",
                new { after, chunk }, cancellationToken: ct))).AsList();

            // Rows arrive in seq order, so the old ones lead; the first recent row ends the run. (With several hubs on one
            // database seq and receipt can differ by a few milliseconds: such a row waits for the next run.)
            var old = 0;
            while (old < page.Count && page[old].ReceivedAt < cutoff)
            {
                old++;
            }

            if (old == 0)
            {
                break;
            }

            var last = page[old - 1].Seq;
            // Not yet folded rows stay whatever their age: assembly still needs them.
            deleted += await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM inbound_events WHERE seq > @after AND seq <= @last AND applied = 1 AND received_at < @cutoff",
                new { after, last, cutoff }, cancellationToken: ct));
            after = last;
            if (old < page.Count || page.Count < chunk)
            {
                break;
            }

            await Task.Delay(options.RetentionPause, clock, ct);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.RetentionFirstRun, clock, stoppingToken);
            while (true)
            {
                try
                {
                    var deleted = await PruneAsync(stoppingToken);
                    if (deleted > 0)
                    {
                        LogPruned(logger, deleted, Kept.TotalDays);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be down for a while; the next run tries again.
                    LogPruneFailed(logger, ex);
                }

                await Task.Delay(options.RetentionInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Journal retention: deleted {Rows} folded events received more than {Days} days ago")]
    private static partial void LogPruned(ILogger logger, long rows, double days);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Journal retention failed; will try again at the next run")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
