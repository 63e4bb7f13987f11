using Microsoft.Extensions.DependencyInjection;
using Switchboard.Configuration;
using Switchboard.Security;
using Switchboard.Security.ApiKeys;
using Switchboard.Server.Hosting;

namespace Switchboard.Testing;

/// <summary>Issues an API key straight into a hub's database before the hub runs (for hubs started as separate processes).</summary>
public static class OfflineKeys
{
    public static async Task<string> IssueAsync(string configDirectory, params string[] roles)
    {
        var loaded = ConfigurationLoader.Load(configDirectory);
        var configuration = loaded.Configuration ?? throw new InvalidOperationException(string.Join("\n", loaded.Errors));
        await using var hub = await OfflineHub.OpenAsync(configuration, CancellationToken.None);
        var issued = await hub.Services.GetRequiredService<ApiKeyService>()
            .IssueAsync("test process", roles.Length == 0 ? [Roles.Admin] : roles, null, CancellationToken.None);
        return issued.Key;
    }
}
