using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Events;
using Switchboard.Interactions.Assembly;
using Switchboard.Storage;

namespace Switchboard.Interactions.Journal;

/// <summary>
/// The durable front door for events: callers enqueue, ONE writer drains whatever has queued into a
/// single transaction (group commit), and each caller is answered only after that commit. Many
/// requests share one commit, so durability does not cost a transaction per request. Duplicate ids
/// are detected by the journal's unique key, so a resend is acknowledged without a second effect.
/// </summary>
/// <remarks>
/// On PostgreSQL, which lets several transactions write at once, a second loop beside the writer folds committed events
/// into interactions, slice after slice while any wait, woken by each commit: acknowledging never waits for it. (Hub
/// processes sharing the database take turns at the slices by an advisory lock.)
/// On SQLite the writer's own loop folds committed events into interactions, in slices of <see cref="EventJournalOptions.AssemblySlice"/>
/// rows, only when no request waits: acknowledging has priority, and a request that arrives during a slice waits
/// for it (a slice of 32 rows takes a few milliseconds). A slice runs once the writer has been idle for
/// <see cref="EventJournalOptions.AssemblyIdle"/>; while requests keep it busy, a whole slice runs every
/// <see cref="EventJournalOptions.AssemblyBusyInterval"/> (so interactions keep pace with a steady stream of a few
/// thousand events a second) and fewer rows every <see cref="EventJournalOptions.AssemblyMaxPause"/>. Beyond that,
/// during a burst, the backlog waits in the journal (not in memory) and drains when the burst ends. On SQLite this
/// also means the two never fight for the database's single write lock, whose busy handler sleeps in milliseconds.
/// </remarks>
public sealed partial class EventJournal : BackgroundService, IEventIngest
{
    private readonly Channel<JournalBatch> _queue;
    private readonly IStorageProvider _storage;
    private readonly TimeProvider _clock;
    private readonly EventJournalOptions _options;
    private readonly InteractionAssembler _assembler;
    private readonly ILogger<EventJournal> _logger;

    // PostgreSQL: the writer's "a group committed", for the assembly loop beside it (one pending signal is enough).
    private readonly Channel<bool> _committed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public EventJournal(
        IStorageProvider storage, TimeProvider clock, EventJournalOptions options, InteractionAssembler assembler, ILogger<EventJournal> logger)
    {
        _storage = storage;
        _assembler = assembler;
        _clock = clock;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<JournalBatch>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public async ValueTask<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var batch = new JournalBatch(events, _clock.GetUtcNow());
        if (!_queue.Writer.TryWrite(batch))
        {
            await _queue.Writer.WriteAsync(batch, cancellationToken);
        }

        return await batch.Completion;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using IJournalWriter writer = _storage.Kind == StorageProviderKind.PostgreSql
            ? new PostgreSqlJournalWriter(_storage)
            : new SqliteJournalWriter(_storage);
        var group = new List<JournalBatch>();
        var reader = _queue.Reader;
        var slice = _options.AssemblySlice;
        var alongside = _storage.Kind == StorageProviderKind.PostgreSql;
        using var stopAssembly = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var assembling = alongside ? Task.Run(() => AssembleAlongsideAsync(stopAssembly.Token), CancellationToken.None) : Task.CompletedTask;
        // SQLite: journal rows that may wait for assembly, as the loop knows them: what it committed since a slice last
        // came back short. At start the journal may hold rows a previous run committed but did not assemble: one slice
        // tells, before the first commit. (PostgreSQL: always 0 here, the loop beside folds them.)
        long unassembled = alongside || await AssembleSliceAsync(stoppingToken) < slice ? 0 : slice;
        long lastCommit = 0;
        var lastSlice = _clock.GetTimestamp();

        // The loop ends when the queue is completed (StopAsync) and drained, not on the token: what
        // was enqueued before shutdown is still committed and answered.
        while (true)
        {
            if (reader.Count == 0)
            {
                if (unassembled > 0 && !stoppingToken.IsCancellationRequested)
                {
                    var sinceSlice = _clock.GetElapsedTime(lastSlice);
                    var due = Min(
                        _options.AssemblyIdle - _clock.GetElapsedTime(lastCommit),
                        (unassembled >= slice ? _options.AssemblyBusyInterval : _options.AssemblyMaxPause) - sinceSlice);
                    if (due <= TimeSpan.Zero)
                    {
                        var applied = await AssembleSliceAsync(stoppingToken);
                        unassembled = applied < slice ? 0 : Math.Max(unassembled - applied, slice);
                        lastSlice = _clock.GetTimestamp();
                        continue;
                    }

                    // Requests are flowing: wait for the next one, or until a slice is due.
                    if (!await WaitForBatchesAsync(reader, due))
                    {
                        break;
                    }

                    continue;
                }

                if (!await WaitForBatchesAsync(reader, TimeSpan.FromSeconds(1)))
                {
                    break;
                }

                if (reader.Count == 0)
                {
                    // Woken by the retry timer, not by a request: look for unassembled events again.
                    unassembled = alongside ? 0 : slice;
                    continue;
                }
            }

            group.Clear();
            var events = 0;
            while (events < _options.MaxGroupEvents && reader.TryRead(out var batch))
            {
                group.Add(batch);
                events += batch.Events.Count;
            }

            try
            {
                await writer.WriteAsync(group, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogCommitFailed(_logger, ex, events, group.Count);
                foreach (var batch in group)
                {
                    batch.Fail(ex);
                }

                // A database outage should not spin the loop.
                await Task.Delay(TimeSpan.FromMilliseconds(100), _clock, CancellationToken.None);
                continue;
            }

            foreach (var batch in group)
            {
                batch.Complete();
            }

            if (alongside)
            {
                _committed.Writer.TryWrite(true);
            }
            else
            {
                unassembled += events;
            }

            lastCommit = _clock.GetTimestamp();
        }

        await stopAssembly.CancelAsync();
        await assembling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>PostgreSQL: folds slice after slice while rows wait; then waits for the next commit (or, for rows other hub processes commit, <see cref="EventJournalOptions.AssemblyMaxPause"/>).</summary>
    private async Task AssembleAlongsideAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var applied = await AssembleSliceAsync(stop);
            if (applied >= _options.AssemblySlice)
            {
                continue;
            }

            using var pause = new CancellationTokenSource(applied < 0 ? TimeSpan.FromSeconds(1) : _options.AssemblyMaxPause, _clock);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, pause.Token);
            try
            {
                await _committed.Reader.WaitToReadAsync(wait.Token);
                _committed.Reader.TryRead(out _);
            }
            catch (OperationCanceledException)
            {
                // The pause ended (or the hub is stopping: the loop's condition says which).
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <returns>How many journal rows the slice folded: fewer than a slice when none are left; -1 when it failed.</returns>
    private async Task<int> AssembleSliceAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _assembler.ApplyPendingAsync(_options.AssemblySlice, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Retried when the next batch commits, or by the timer in WaitForBatchesAsync (PostgreSQL: after a second).
            LogAssemblyFailed(_logger, ex);
            return -1;
        }
    }

    /// <summary>Waits for requests, at most <paramref name="timeout"/>; false when the queue is completed and empty.</summary>
    private async Task<bool> WaitForBatchesAsync(ChannelReader<JournalBatch> reader, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return true;
        }

        using var retry = new CancellationTokenSource(timeout, _clock);
        try
        {
            return await reader.WaitToReadAsync(retry.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Assembling journal events into interactions failed; will retry")]
    private static partial void LogAssemblyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Journal commit of {Events} events from {Batches} requests failed; they were not acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events, int batches);
}
