using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Schema;
using Switchboard.Storage.Stores;

namespace Switchboard.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage provider chosen by <paramref name="options"/>, the schema migrator,
    /// the stores of the canonical model and the core migrations. Other modules add their own
    /// tables with <c>services.AddSingleton&lt;IMigrationSource, TheirSource&gt;()</c>.
    /// The migrator logs through <c>ILogger&lt;T&gt;</c>, so the host registers logging.
    /// </summary>
    public static IServiceCollection AddSwitchboardStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StorageProviderKind.PostgreSql && string.IsNullOrWhiteSpace(options.PostgreSqlConnectionString))
        {
            throw new ArgumentException(
                "StorageOptions.PostgreSqlConnectionString is required when the provider is PostgreSql.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IStorageProvider>(_ => options.Provider switch
        {
            StorageProviderKind.Sqlite => new SqliteStorageProvider(options),
            StorageProviderKind.PostgreSql => new PostgreSqlStorageProvider(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider."),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, CoreMigrationSource>());
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<CrossReferenceStore>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<TicketStore>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<Locks.RecordLocks>();
        services.AddSingleton<InteractionStore>();
        return services;
    }
}
