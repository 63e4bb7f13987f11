using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Templates;
using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Remembered;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;

namespace Switchboard.ScreenPop;

public static class ScreenPopServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ScreenPopEngine"/> (a singleton: its cache and the calls' last snapshots
    /// live in it), the remembered-pick store and its table's migration. Needs storage
    /// (<c>AddSwitchboardStorage</c>), connectors (<c>AddConnectors</c>), a <see cref="PhoneNormalizer"/>,
    /// logging, and either a <see cref="ConfigurationMonitor"/> or a <c>Func&lt;HubConfiguration?&gt;</c>.
    /// </summary>
    /// <param name="redis">
    /// The hub's <c>redis</c> section: systems' answers are cached in that Redis server, shared by every hub process using
    /// it with the same prefix (a change reported to one drops them in all); without it, in this process.
    /// </param>
    public static IServiceCollection AddScreenPop(this IServiceCollection services, ScreenPopOptions? options = null, RedisSettings? redis = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = options ?? new ScreenPopOptions();
        settings.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(settings);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, ScreenPopSchema>());
        services.TryAddSingleton(sp => new RememberedPicks(sp.GetRequiredService<IStorageProvider>(), sp.GetRequiredService<TimeProvider>()));
        if (redis is not null)
        {
            services.TryAddSingleton<ILookupCache>(sp => new RedisLookupCache(
                redis.ConnectionString.Resolve(),
                redis.ChannelPrefix,
                TimeSpan.FromSeconds(settings.CacheSeconds),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ScreenPopEngine>>()));
        }

        services.TryAddSingleton(sp => new ScreenPopEngine(
            sp.GetRequiredService<IOperationInvoker>(),
            CurrentConfiguration(sp),
            sp.GetRequiredService<PhoneNormalizer>(),
            sp.GetRequiredService<CustomerStore>(),
            sp.GetRequiredService<InteractionStore>(),
            sp.GetRequiredService<RememberedPicks>(),
            sp.GetRequiredService<ScreenPopOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ScreenPopEngine>>(),
            sp.GetService<TemplateEngine>(),
            sp.GetService<ILookupCache>()));
        return services;
    }

    private static Func<HubConfiguration?> CurrentConfiguration(IServiceProvider services)
    {
        if (services.GetService<ConfigurationMonitor>() is { } monitor)
        {
            return () => monitor.Current;
        }

        return services.GetService<Func<HubConfiguration?>>()
            ?? throw new InvalidOperationException(
                "The screen pop needs the current configuration: register a ConfigurationMonitor or a Func<HubConfiguration?>.");
    }
}
