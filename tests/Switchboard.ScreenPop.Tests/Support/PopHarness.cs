using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;
using Switchboard.Core.Customers;
using Switchboard.Core.Interactions;
using Switchboard.Core.Phones;
using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Remembered;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;
using Switchboard.Testing;
using WireMock.Server;

namespace Switchboard.ScreenPop.Tests.Support;

/// <summary>
/// The screen pop as the hub wires it: a configuration directory with the two stub systems in YAML,
/// loaded by the real loader; connectors, storage on a SQLite file (migrated) and the engine from
/// <see cref="ScreenPopServiceCollectionExtensions.AddScreenPop"/>.
/// </summary>
public sealed class PopHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly ServiceProvider _services;

    private PopHarness(TempDirectory directory, WireMockServer crm, WireMockServer erp, ServiceProvider services)
    {
        _directory = directory;
        Crm = crm;
        Erp = erp;
        _services = services;
    }

    public WireMockServer Crm { get; }

    public WireMockServer Erp { get; }

    public ScreenPopEngine Engine => _services.GetRequiredService<ScreenPopEngine>();

    public RememberedPicks Picks => _services.GetRequiredService<RememberedPicks>();

    /// <summary>The hub's database as the engine sees it, with the most connections it held open at once.</summary>
    public CountingStorageProvider Storage => (CountingStorageProvider)_services.GetRequiredService<IStorageProvider>();

    /// <param name="options">Generous timeouts by default, so a loaded test machine does not turn answers into timeouts.</param>
    /// <param name="files">More configuration files (relative path, content), e.g. a screen-pop flow.</param>
    public static Task<PopHarness> StartAsync(ScreenPopOptions? options = null, params (string Path, string Content)[] files) =>
        StartAsync(options, crmTail: "", erpTail: "", files);

    /// <summary>A hub process whose screen-pop cache is the Redis server of <paramref name="redis"/> (its own stub systems, its own database).</summary>
    public static Task<PopHarness> StartWithRedisAsync(RedisSettings redis) => StartAsync(null, crmTail: "", erpTail: "", [], redis);

    /// <summary>With more YAML at the end of each system's file (a <c>links</c> section).</summary>
    public static Task<PopHarness> StartWithAsync(string crmTail, string erpTail) => StartAsync(null, crmTail, erpTail, []);

    private static async Task<PopHarness> StartAsync(
        ScreenPopOptions? options, string crmTail, string erpTail, (string Path, string Content)[] files, RedisSettings? redis = null)
    {
        var directory = new TempDirectory("switchboard-screenpop");
        var crm = StubSystems.Start();
        var erp = StubSystems.Start();
        directory.Write("switchboard.yaml", "hub:\n  name: Screen pop tests\nphone:\n  defaultRegion: DE\n");
        directory.Write("systems/crm.yaml", StubSystems.CrmYaml(crm) + "\n" + crmTail);
        directory.Write("systems/erp.yaml", StubSystems.ErpYaml(erp) + "\n" + erpTail);
        foreach (var (path, content) in files)
        {
            directory.Write(path, content);
        }

        var loaded = ConfigurationLoader.Load(directory.Path);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException("the test configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, loaded.Errors));
        }

        var configuration = loaded.Configuration!;
        var storage = new StorageOptions { SqlitePath = Path.Combine(directory.Path, "hub.db") };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new PhoneNormalizer("DE"))
            .AddSingleton<Func<HubConfiguration?>>(() => configuration)
            .AddSwitchboardStorage(storage)
            // Registered last, so the stores use it: the real SQLite provider, counting its open connections.
            .AddSingleton<IStorageProvider>(new CountingStorageProvider(new SqliteStorageProvider(storage)))
            .AddConnectors(sp => () => configuration)
            .AddScreenPop(options ?? new ScreenPopOptions { SystemTimeoutMs = 4000, BudgetMs = 6000 }, redis)
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        if (services.GetService<ILookupCache>() is RedisLookupCache shared)
        {
            // Its first pop would otherwise miss a cache still connecting.
            await shared.Connection;
        }

        await WarmUpAsync(services, crm, erp);
        return new PopHarness(directory, crm, erp, services);
    }

    /// <summary>
    /// The first call through a connector and WireMock pays for JIT compilation (most of a second on a
    /// busy machine); paid here, so timings in tests are the systems' own. The requests are then forgotten.
    /// </summary>
    private static async Task WarmUpAsync(ServiceProvider services, WireMockServer crm, WireMockServer erp)
    {
        var invoker = services.GetRequiredService<IOperationInvoker>();
        foreach (var system in new[] { "crm", "erp" })
        {
            await invoker.InvokeAsync(system, "customer.get", OperationArguments.From(("externalId", "warm-up")), CancellationToken.None);
        }

        await services.GetRequiredService<CustomerStore>().FindByPhoneAsync("+10000000000", CancellationToken.None);
        crm.ResetLogEntries();
        erp.ResetLogEntries();
    }

    /// <summary>Runs a pop to its end and returns every snapshot.</summary>
    public async Task<List<ScreenPopView>> PopAsync(PopRequest request)
    {
        var views = new List<ScreenPopView>();
        await foreach (var view in Engine.RunAsync(request, CancellationToken.None))
        {
            views.Add(view);
        }

        return views;
    }

    public Task<List<ScreenPopView>> PopAsync(string callId, string? caller, params (string Key, string Value)[] attributes) =>
        PopAsync(new PopRequest
        {
            CallId = callId,
            AgentId = "agent-7",
            CallerNumber = caller,
            Attributes = attributes.ToDictionary(a => a.Key, a => a.Value),
        });

    public async Task<List<ScreenPopView>> PickAsync(string callId, string candidateKey)
    {
        var views = new List<ScreenPopView>();
        await foreach (var view in Engine.PickAsync(callId, candidateKey, CancellationToken.None))
        {
            views.Add(view);
        }

        return views;
    }

    public Task SaveAsync(Customer customer) => _services.GetRequiredService<CustomerStore>().UpsertAsync(customer, CancellationToken.None);

    public Task SaveAsync(Interaction interaction) => _services.GetRequiredService<InteractionStore>().UpsertAsync(interaction, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Crm.Stop();
        Erp.Stop();
        Crm.Dispose();
        Erp.Dispose();
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
