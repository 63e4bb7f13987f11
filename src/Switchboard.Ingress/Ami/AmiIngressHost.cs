using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Runs one <see cref="AmiIngressService"/> per ami system whose mode is not off, and follows the
/// configuration: a reload starts, stops or restarts sessions whose address, credentials, mode or ami
/// settings changed (a restarted session keeps its tracker, so open calls survive). Also the
/// <see cref="IContactCenterActions"/> of the hub: actions go to the first ami system in mode on or pilot.
/// </summary>
public sealed class AmiIngressHost : IHostedService, IContactCenterActions, IDisposable
{
    private readonly ConfigurationMonitor _monitor;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly ILogger<AmiIngressHost> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (AmiIngressService Service, SystemDefinition Definition)> _running = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stopping;

    public AmiIngressHost(ConfigurationMonitor monitor, IServiceProvider services, TimeProvider clock, ILogger<AmiIngressHost> logger)
    {
        _monitor = monitor;
        _services = services;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The sessions running now.</summary>
    public IReadOnlyList<AmiIngressService> Sessions
    {
        get
        {
            lock (_running)
            {
                return [.. _running.Values.Select(entry => entry.Service)];
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _monitor.Changed += OnConfigurationChanged;
        if (_monitor.Current is { } configuration)
        {
            await ApplyAsync(configuration, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _monitor.Changed -= OnConfigurationChanged;
        if (_stopping is not null)
        {
            await _stopping.CancelAsync();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            List<AmiIngressService> services;
            lock (_running)
            {
                services = [.. _running.Values.Select(entry => entry.Service)];
                _running.Clear();
            }

            await Task.WhenAll(services.Select(service => StopServiceAsync(service, cancellationToken)));
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<PlacedCall> PlaceCallAsync(string agentId, string number, CancellationToken cancellationToken) =>
        ActionTarget().PlaceCallAsync(agentId, number, cancellationToken);

    public Task SetAgentPausedAsync(string agentId, bool paused, string? reason, string? queue, CancellationToken cancellationToken) =>
        ActionTarget().SetAgentPausedAsync(agentId, paused, reason, queue, cancellationToken);

    public void Dispose()
    {
        _stopping?.Dispose();
        _gate.Dispose();
        foreach (var service in Sessions)
        {
            service.Dispose();
        }
    }

    private AmiIngressService ActionTarget() =>
        Sessions.FirstOrDefault(service => service.Definition.Mode is RolloutMode.On or RolloutMode.Pilot)
        ?? throw new ContactCenterActionException("No Asterisk (protocol ami) system is configured in mode on or pilot, so there is nothing to send the action to.");

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs e)
    {
        var token = _stopping?.Token ?? CancellationToken.None;
        _ = Task.Run(async () =>
        {
            try
            {
                await ApplyAsync(e.Current, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The host is stopping.
            }
            catch (Exception ex)
            {
                AmiLog.ApplyFailed(_logger, ex);
            }
        }, token);
    }

    private async Task ApplyAsync(HubConfiguration configuration, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var wanted = configuration.Systems
                .Where(system => system.Protocol == SystemProtocol.Ami && system.Mode != RolloutMode.Off && system.AddressUri is not null)
                .ToDictionary(system => system.Name, StringComparer.Ordinal);
            List<(AmiIngressService Service, SystemDefinition Definition)> current;
            lock (_running)
            {
                current = [.. _running.Values];
            }

            foreach (var (service, definition) in current)
            {
                if (!wanted.TryGetValue(definition.Name, out var next) || !SameSession(definition, next))
                {
                    lock (_running)
                    {
                        _running.Remove(definition.Name);
                    }

                    await StopServiceAsync(service, cancellationToken);
                    if (next is not null)
                    {
                        await StartServiceAsync(next, service.Tracker, cancellationToken);
                    }
                }
            }

            foreach (var system in wanted.Values.Where(system => !current.Any(entry => entry.Definition.Name == system.Name)))
            {
                await StartServiceAsync(system, null, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartServiceAsync(SystemDefinition system, AmiCallTracker? tracker, CancellationToken cancellationToken)
    {
        var settings = system.Ami ?? new AmiSettings();
        if (tracker is null || settings.AgentIdFrom != tracker.AgentIdFrom)
        {
            tracker = new AmiCallTracker(system.Name, settings.AgentIdFrom);
        }

        var service = new AmiIngressService(
            system,
            tracker,
            _services.GetRequiredService<IEventIngest>(),
            _services.GetRequiredService<IngressMetrics>(),
            _services.GetRequiredService<ContactCenterEventValidator>(),
            _clock,
            _services.GetRequiredService<ILogger<AmiIngressService>>());
        lock (_running)
        {
            _running[system.Name] = (service, system);
        }

        await service.StartAsync(cancellationToken);
    }

    private static async Task StopServiceAsync(AmiIngressService service, CancellationToken cancellationToken)
    {
        await service.StopAsync(cancellationToken);
        service.Dispose();
    }

    private static bool SameSession(SystemDefinition a, SystemDefinition b) =>
        a.Address == b.Address && a.Auth == b.Auth && a.Mode == b.Mode && a.Ami == b.Ami;
}
