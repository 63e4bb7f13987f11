using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Security.ApiKeys;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers API key issuing and verification and the security tables' migrations.</summary>
    public static IServiceCollection AddSwitchboardSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationSource, ApiKeySchema>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyService>();
        return services;
    }
}
