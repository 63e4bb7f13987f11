using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Delivery.Dispatch;
using Switchboard.Delivery.Monitoring;
using Switchboard.Delivery.Transport;

namespace Switchboard.Delivery;

/// <summary>
/// Runs delivery: starts the transport, then one dispatcher per configured system that is not off (systems added,
/// switched on or off by a configuration reload are followed), keeps each target's queue depth current for the
/// metrics and the status API, and forgets old confirmed keys. A dispatcher that fails (the database or the broker
/// went away) is restarted with backoff; its unsettled messages stay queued meanwhile.
/// </summary>
public sealed partial class DeliveryService : BackgroundService
{
    private static readonly TimeSpan DepthInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IDeliveryTransport _transport;
    private readonly ConfigurationMonitor _configuration;
    private readonly DeliveryEngineParts _parts;
    private readonly DeliverySettings _settings;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<DeliveryService> _logger;
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CancellationToken _stopping;
    private bool _started;

    internal DeliveryService(
        IDeliveryTransport transport, ConfigurationMonitor configuration, DeliveryEngineParts parts, DeliverySettings settings, ILoggerFactory loggers)
    {
        _transport = transport;
        _configuration = configuration;
        _parts = parts;
        _settings = settings;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DeliveryService>();
    }

    /// <summary>The transport's name: embedded or rabbitmq.</summary>
    public string Transport => _transport.Name;

    /// <summary>The targets being delivered now.</summary>
    public IReadOnlyList<string> Targets
    {
        get
        {
            lock (_gate)
            {
                return [.. _running.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await StartTransportAsync(stoppingToken);
        lock (_gate)
        {
            _started = true;
        }

        _configuration.Changed += OnConfigurationChanged;
        try
        {
            Follow(_configuration.Current);
            var lastPrune = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                await RefreshDepthsAsync(stoppingToken);
                var now = _parts.Clock.GetUtcNow();
                if (now - lastPrune > TimeSpan.FromHours(1))
                {
                    await PruneAsync(now, stoppingToken);
                    lastPrune = now;
                }

                await Task.Delay(DepthInterval, _parts.Clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _configuration.Changed -= OnConfigurationChanged;
            Task[] tasks;
            lock (_gate)
            {
                tasks = [.. _running.Values.Select(r => r.Task)];
            }

            await Task.WhenAll(tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task StartTransportAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await _transport.StartAsync(ct);
                LogStarted(_logger, _transport.Name);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogTransportFailed(_logger, ex, _transport.Name, delay.TotalSeconds);
                await Task.Delay(delay, _parts.Clock, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs e) => Follow(e.Current);

    /// <summary>Starts a dispatcher for each system that is not off, and stops those of systems now off or gone, or whose limits changed.</summary>
    private void Follow(HubConfiguration? configuration)
    {
        if (configuration is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_started || _stopping.IsCancellationRequested)
            {
                return;
            }

            var wanted = configuration.Systems.Where(s => s.Mode != RolloutMode.Off && s.Protocol != SystemProtocol.Ami)
                .ToDictionary(s => s.Name, StringComparer.Ordinal);
            foreach (var (name, running) in _running.ToList())
            {
                if (!wanted.TryGetValue(name, out var system) || running.Concurrency != system.Concurrency || running.Break != system.CircuitBreaker.BreakDuration)
                {
                    running.Stop.Cancel();
                    _running.Remove(name);
                }
            }

            foreach (var system in wanted.Values.Where(s => !_running.ContainsKey(s.Name)))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
                var dispatcher = new TargetDispatcher(system.Name, _transport, _parts, _settings.Retry, _settings.Window, system.Concurrency,
                    system.CircuitBreaker.BreakDuration, _loggers.CreateLogger<TargetDispatcher>());
                _running[system.Name] = new Running(stop, SuperviseAsync(dispatcher, stop.Token), system.Concurrency, system.CircuitBreaker.BreakDuration);
            }
        }
    }

    private async Task SuperviseAsync(TargetDispatcher dispatcher, CancellationToken ct)
    {
        await Task.Yield();
        var delay = TimeSpan.FromMilliseconds(500);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await dispatcher.RunAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogDispatcherFailed(_logger, ex, dispatcher.Target, delay.TotalSeconds);
                await Task.Delay(delay, _parts.Clock, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task RefreshDepthsAsync(CancellationToken ct)
    {
        foreach (var target in Targets)
        {
            try
            {
                _parts.Metrics.For(target).Pending = await _transport.CountPendingAsync(target, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogDepthFailed(_logger, target, ex.Message);
            }
        }
    }

    private async Task PruneAsync(DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await _parts.Confirmed.PruneAsync(now.AddDays(-_settings.ConfirmedRetentionDays), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDepthFailed(_logger, "confirmed keys", ex.Message);
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            foreach (var running in _running.Values)
            {
                running.Stop.Dispose();
            }
        }

        base.Dispose();
    }

    private sealed record Running(CancellationTokenSource Stop, Task Task, int Concurrency, TimeSpan Break);

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Delivery started on the {Transport} transport")]
    private static partial void LogStarted(ILogger logger, string transport);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "The {Transport} delivery transport could not start; retrying in {Seconds} s")]
    private static partial void LogTransportFailed(ILogger logger, Exception exception, string transport, double seconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Delivery to {Target} stopped on an error; restarting in {Seconds} s (its messages stay queued)")]
    private static partial void LogDispatcherFailed(ILogger logger, Exception exception, string target, double seconds);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Counting the queue of {Target} failed: {Reason}")]
    private static partial void LogDepthFailed(ILogger logger, string target, string reason);
}
