using Microsoft.Extensions.DependencyInjection;
using Switchboard.Configuration;
using Switchboard.Security;
using Switchboard.Security.ApiKeys;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Testing;

/// <summary>Issues an API key straight into a hub's database before the hub runs (for hubs started as separate processes).</summary>
public static class OfflineKeys
{
    public static async Task<string> IssueAsync(string configDirectory, params string[] roles)
    {
        var loaded = ConfigurationLoader.Load(configDirectory);
        var configuration = loaded.Configuration ?? throw new InvalidOperationException(string.Join("\n", loaded.Errors));
        Directory.CreateDirectory(HubPaths.DataDirectory(configuration));
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSwitchboardStorage(HubPaths.StorageOptions(configuration))
            .AddSwitchboardSecurity()
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        var issued = await services.GetRequiredService<ApiKeyService>().IssueAsync("test process", roles.Length == 0 ? [Roles.Admin] : roles, null, CancellationToken.None);
        return issued.Key;
    }
}
