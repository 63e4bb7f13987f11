using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Schema;

namespace Switchboard.Storage.Tests.Compliance;

/// <summary>
/// One fresh database per test class, migrated to the core schema. Subclasses say how a
/// database is created and dropped and how a provider reaches it.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private readonly List<IStorageProvider> _providers = [];
    private IStorageProvider? _provider;

    /// <summary>The provider the tests share.</summary>
    public IStorageProvider Provider => _provider ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>How many migrations the first migration of the empty database applied.</summary>
    public int MigrationsAppliedOnCreate { get; private set; }

    /// <summary>Another provider on the same database, as a second hub process would have.</summary>
    public IStorageProvider CreateProvider(Durability durability = Durability.Process)
    {
        var provider = NewProvider(durability);
        _providers.Add(provider);
        return provider;
    }

    public static SchemaMigrator Migrator(IStorageProvider provider, params IMigrationSource[] others) =>
        new(provider, [new CoreMigrationSource(), .. others], TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _provider = CreateProvider();
        MigrationsAppliedOnCreate = await Migrator(_provider).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            if (provider is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        await DropDatabaseAsync();
    }

    protected abstract IStorageProvider NewProvider(Durability durability);

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();
}
