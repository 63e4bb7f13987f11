using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Security.DataProtection;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>What the hub's processes call themselves to Data Protection: the same everywhere, whatever folder each runs from.</summary>
    public const string ApplicationName = "switchboard";

    /// <summary>
    /// Data Protection (which protects the desktop's sign-in cookies) with its key ring in the hub's database, under one
    /// application name, so every hub process sharing the database can read what another protected.
    /// </summary>
    public static IServiceCollection AddHubDataProtection(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, DataProtectionKeySchema>());
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IStorageProvider>(), sp.GetRequiredService<TimeProvider>())));
        return services;
    }
}
