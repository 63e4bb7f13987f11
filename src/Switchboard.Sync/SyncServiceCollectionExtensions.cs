using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;
using Switchboard.Storage.Migrations;
using Switchboard.Sync.Polling;
using Switchboard.Sync.Queues;

namespace Switchboard.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ChangeApplier"/>, the high-water-mark table and its migration, the
    /// <see cref="ChangePoller"/> and the <see cref="QueueChangeConsumer"/> (both hosted services). Needs storage
    /// (<c>AddSwitchboardStorage</c>), connectors (<c>AddConnectors</c>), logging, and either a
    /// <see cref="ConfigurationMonitor"/> or a <c>Func&lt;HubConfiguration?&gt;</c>. Applied changes go to every
    /// registered <see cref="IRecordChangePublisher"/> (the desktop adds its SignalR one), and every reported change that is
    /// not a repeat to every <see cref="IReportedChangeObserver"/> (the desktop adds the screen pop's cache).
    /// </summary>
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, SyncSchema>());
        services.TryAddSingleton<HighWaterMarks>();
        services.TryAddSingleton<PollLeases>();
        services.TryAddSingleton<ChangeApplier>();
        services.TryAddSingleton(sp => new ChangePoller(CurrentConfiguration(sp), sp.GetRequiredService<IOperationInvoker>(),
            sp.GetRequiredService<ChangeApplier>(), sp.GetRequiredService<HighWaterMarks>(), sp.GetRequiredService<PollLeases>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChangePoller>>()));
        services.TryAddSingleton(sp => new QueueChangeConsumer(CurrentConfiguration(sp), sp.GetRequiredService<ConnectorRegistry>(),
            sp.GetRequiredService<ChangeApplier>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueueChangeConsumer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ChangePoller>());
        services.AddHostedService(sp => sp.GetRequiredService<QueueChangeConsumer>());
        return services;
    }

    internal static Func<HubConfiguration?> CurrentConfiguration(IServiceProvider services)
    {
        if (services.GetService<ConfigurationMonitor>() is { } monitor)
        {
            return () => monitor.Current;
        }

        return services.GetService<Func<HubConfiguration?>>()
            ?? throw new InvalidOperationException(
                "Sync needs the current configuration: register a ConfigurationMonitor or a Func<HubConfiguration?>.");
    }
}
