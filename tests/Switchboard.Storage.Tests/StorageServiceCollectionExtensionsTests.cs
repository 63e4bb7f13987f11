using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Core.Agents;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;
using Switchboard.Storage.Tests.Support;

namespace Switchboard.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchboard-storage-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddSwitchboardStorage_wires_the_provider_the_stores_and_every_module_migration()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSwitchboardStorage(new StorageOptions { SqlitePath = Path.Combine(_directory, "hub.db") });
        var module = ProbeMigrationSource.NewModule();
        services.AddSingleton<IMigrationSource>(new ProbeMigrationSource(module, ProbeMigrationSource.CreatesTable(1, module)));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<IStorageProvider>().ShouldBeOfType<SqliteStorageProvider>();
        // The core's two migrations and the probe's one.
        (await provider.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None)).ShouldBe(3);
        var agents = provider.GetRequiredService<AgentStore>();
        await agents.UpsertAsync(new Agent { Id = "a1", Name = "Ada" }, CancellationToken.None);
        (await agents.GetAsync("a1", CancellationToken.None))!.Name.ShouldBe("Ada");
        provider.GetRequiredService<CustomerStore>().ShouldNotBeNull();
        provider.GetRequiredService<CrossReferenceStore>().ShouldNotBeNull();
        provider.GetRequiredService<OrderStore>().ShouldNotBeNull();
        provider.GetRequiredService<TicketStore>().ShouldNotBeNull();
        provider.GetRequiredService<InteractionStore>().ShouldNotBeNull();
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_rejected_when_registered()
    {
        Should.Throw<ArgumentException>(() => new ServiceCollection()
            .AddSwitchboardStorage(new StorageOptions { Provider = StorageProviderKind.PostgreSql }));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
