using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Security.Accounts;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Testing;

namespace Switchboard.Security.Tests.Accounts;

/// <summary>Accounts on a real database of either provider, with a fake clock and a counting hasher.</summary>
internal sealed class AccountHub : IAsyncDisposable
{
    public const int Iterations = 1_000;

    private readonly ServiceProvider _services;
    private readonly TempDirectory? _directory;
    private readonly TestPostgres? _postgres;

    private AccountHub(ServiceProvider services, TempDirectory? directory, TestPostgres? postgres, FakeTimeProvider clock, CountingPasswordHasher hasher)
    {
        _services = services;
        _directory = directory;
        _postgres = postgres;
        Clock = clock;
        Hasher = hasher;
    }

    public FakeTimeProvider Clock { get; }

    public CountingPasswordHasher Hasher { get; }

    public AccountService Accounts => _services.GetRequiredService<AccountService>();

    public AccountStore Store => _services.GetRequiredService<AccountStore>();

    public static async Task<AccountHub> StartAsync(TestStorage storage, int iterations = Iterations)
    {
        TempDirectory? directory = null;
        TestPostgres? postgres = null;
        StorageOptions options;
        if (storage == TestStorage.PostgreSql)
        {
            postgres = await TestPostgres.CreateAsync();
            options = new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = postgres.ConnectionString };
        }
        else
        {
            directory = new TempDirectory();
            options = new StorageOptions { SqlitePath = Path.Combine(directory.Path, "hub.db") };
        }

        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var hasher = new CountingPasswordHasher(iterations);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IPasswordHasher>(hasher)
            .AddSwitchboardStorage(options)
            .AddAgentAccounts(o => o.PasswordIterations = iterations)
            .BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        return new AccountHub(services, directory, postgres, clock, hasher);
    }

    /// <summary>Another hub process on the same database, with its own hasher settings.</summary>
    public AccountService OtherHub(int iterations) =>
        new(Store, new PasswordHasher(iterations), new AccountOptions { PasswordIterations = iterations }, Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AccountService>.Instance);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory?.Dispose();
    }
}
