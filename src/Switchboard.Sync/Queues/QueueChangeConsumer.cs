using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors.Amqp;
using Switchboard.Connectors.Operations;

namespace Switchboard.Sync.Queues;

/// <summary>
/// Consumes the changed-since operations of AMQP systems (an <c>order.listChanged</c> or <c>ticket.listChanged</c>
/// with <c>amqp.queue</c>) of the orderCapture and ticketing flows that are not off: each message's records go
/// through the <see cref="ChangeApplier"/>, and the message is acknowledged only after they were applied, so a
/// crash leaves it on the queue. The configuration is compared every <see cref="ReconcileInterval"/>: consumers
/// start for new sources and restart for changed ones. A consumer that fails starts again after a growing pause.
/// </summary>
public sealed class QueueChangeConsumer : BackgroundService
{
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private readonly Func<HubConfiguration?> _configuration;
    private readonly ConnectorRegistry _connectors;
    private readonly ChangeApplier _applier;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueChangeConsumer> _logger;
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    public QueueChangeConsumer(Func<HubConfiguration?> configuration, ConnectorRegistry connectors, ChangeApplier applier, TimeProvider time,
        ILogger<QueueChangeConsumer> logger)
    {
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _connectors = connectors ?? throw new ArgumentNullException(nameof(connectors));
        _applier = applier ?? throw new ArgumentNullException(nameof(applier));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Reconcile(stoppingToken);
                await Task.Delay(ReconcileInterval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        foreach (var running in _running.Values)
        {
            await running.Cancellation.CancelAsync();
        }

        await Task.WhenAll(_running.Values.Select(r => r.Task));
        foreach (var running in _running.Values)
        {
            running.Cancellation.Dispose();
        }
    }

    private void Reconcile(CancellationToken stoppingToken)
    {
        var wanted = ChangeSources.Queues(_configuration()).ToDictionary(q => q.Key, StringComparer.Ordinal);
        foreach (var (key, running) in _running.ToList())
        {
            // A changed system definition is a new one (records are compared by reference when reloaded).
            if (!wanted.TryGetValue(key, out var source) || !ReferenceEquals(source.System, running.Source.System))
            {
                running.Cancellation.Cancel();
                _running.Remove(key);
                _ = running.Task.ContinueWith(_ => running.Cancellation.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                SyncLog.ConsumerStopped(_logger, running.Source.System.Name, running.Source.Operation.Name);
            }
        }

        foreach (var (key, source) in wanted)
        {
            if (!_running.ContainsKey(key))
            {
                var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _running[key] = new Running(source, cancellation, ConsumeAsync(source, cancellation.Token));
            }
        }
    }

    private async Task ConsumeAsync(QueueSource source, CancellationToken ct)
    {
        await Task.Yield();
        var retry = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_connectors.Connector(source.System.Name) is not AmqpConnector amqp)
                {
                    return;
                }

                SyncLog.Consuming(_logger, source.System.Name, source.Operation.Name, source.Kind.ToString());
                // ConsumeAsync acknowledges a message when the next one is asked for: after its records were applied.
                await foreach (var record in amqp.ConsumeAsync(source.Operation, ct))
                {
                    await _applier.ApplyAsync(source.System.Name, source.Kind, [record], ct);
                    retry = FirstRetry;
                }

                // The broker ended the subscription (the queue was deleted, the channel closed): start again shortly.
                await Task.Delay(FirstRetry, _time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                SyncLog.ConsumeFailed(_logger, source.System.Name, source.Operation.Name, retry.TotalSeconds, ex.Message);
                try
                {
                    await Task.Delay(retry, _time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    private sealed record Running(QueueSource Source, CancellationTokenSource Cancellation, Task Task);
}
