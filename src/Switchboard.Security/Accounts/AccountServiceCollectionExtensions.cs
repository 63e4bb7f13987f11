using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Storage.Migrations;

namespace Switchboard.Security.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Registers local agent accounts: <see cref="AccountService"/>, its store, the PBKDF2
    /// <see cref="IPasswordHasher"/> and the <c>agent_accounts</c> migration. Needs the hub's storage
    /// (<c>AddSwitchboardStorage</c>) and logging. Calling it again changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The configured options are out of range; the message lists every one.</exception>
    public static IServiceCollection AddAgentAccounts(this IServiceCollection services, Action<AccountOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new AccountOptions();
        configure?.Invoke(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid account options: " + string.Join("; ", errors), nameof(configure));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, AccountSchema>());
        services.TryAddSingleton<AccountStore>();
        services.TryAddSingleton<IPasswordHasher>(sp => new PasswordHasher(sp.GetRequiredService<AccountOptions>()));
        services.TryAddSingleton<AccountService>();
        return services;
    }
}
