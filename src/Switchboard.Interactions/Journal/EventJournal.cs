using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Events;
using Switchboard.Storage;

namespace Switchboard.Interactions.Journal;

/// <summary>
/// The durable front door for events: callers enqueue, ONE writer drains whatever has queued into a
/// single transaction (group commit), and each caller is answered only after that commit. Many
/// requests share one commit, so durability does not cost a transaction per request. Duplicate ids
/// are detected by the journal's unique key, so a resend is acknowledged without a second effect.
/// </summary>
public sealed partial class EventJournal : BackgroundService, IEventIngest
{
    private readonly Channel<JournalBatch> _queue;
    private readonly IStorageProvider _storage;
    private readonly JournalSignal _signal;
    private readonly TimeProvider _clock;
    private readonly EventJournalOptions _options;
    private readonly ILogger<EventJournal> _logger;

    public EventJournal(IStorageProvider storage, JournalSignal signal, TimeProvider clock, EventJournalOptions options, ILogger<EventJournal> logger)
    {
        _storage = storage;
        _signal = signal;
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

        // The loop ends when the queue is completed (StopAsync) and drained, not on the token: what
        // was enqueued before shutdown is still committed and answered.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
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

            _signal.Notify();
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

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Journal commit of {Events} events from {Batches} requests failed; they were not acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events, int batches);
}
