using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Dispatch;
using Switchboard.Delivery.Monitoring;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Transport;
using Switchboard.Delivery.Transport.Embedded;
using Switchboard.Delivery.Transport.RabbitMq;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The outbox, the transport <paramref name="settings"/> chooses (embedded or RabbitMQ: the only difference), the
    /// dispatchers (<see cref="DeliveryService"/>), dead letters, confirmed keys, outcomes and metrics. Needs the
    /// storage, the connectors' <see cref="IOperationInvoker"/> and the <see cref="ConfigurationMonitor"/>.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, DeliverySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, DeliverySchema>());
        services.AddSingleton(settings);
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<Outbox.Outbox>();
        services.AddSingleton<ConfirmedKeys>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<DeliveryOutcomes>();
        services.AddMetrics();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<IDeliveryTransport>(sp => settings.Transport == DeliveryTransport.RabbitMq
            ? new RabbitMqTransport(
                settings.RabbitMq ?? throw new InvalidOperationException("delivery.rabbitmq is required when delivery.transport is rabbitmq."),
                settings.RabbitMq.ConnectionString.Resolve(),
                sp.GetRequiredService<IStorageProvider>(),
                sp.GetRequiredService<DeliverySignal>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RabbitMqTransport>>())
            : new EmbeddedTransport(sp.GetRequiredService<IStorageProvider>(), sp.GetRequiredService<DeliverySignal>()));
        services.AddSingleton(sp => new DeliveryService(
            sp.GetRequiredService<IDeliveryTransport>(),
            sp.GetRequiredService<ConfigurationMonitor>(),
            new DeliveryEngineParts(
                sp.GetRequiredService<IOperationInvoker>(),
                sp.GetRequiredService<ConfirmedKeys>(),
                sp.GetRequiredService<DeadLetterStore>(),
                sp.GetRequiredService<DeliveryOutcomes>(),
                sp.GetRequiredService<DeliveryMetrics>(),
                sp.GetRequiredService<TimeProvider>()),
            settings,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryService>());
        return services;
    }
}
