using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Server.Hosting;

/// <summary>The hub's storage and services without its web server, for commands that work on the data directly.</summary>
public sealed class OfflineHub : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OfflineHub(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public static async Task<OfflineHub> OpenAsync(HubConfiguration configuration, CancellationToken ct)
    {
        Directory.CreateDirectory(HubPaths.DataDirectory(configuration));
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSwitchboardStorage(HubPaths.StorageOptions(configuration))
            .AddSwitchboardSecurity()
            .AddAgentAccounts()
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(ct);
        return new OfflineHub(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
