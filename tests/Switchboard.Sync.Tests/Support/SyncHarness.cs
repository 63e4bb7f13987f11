using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchboard.Configuration;
using Switchboard.Connectors.Operations;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Customers;
using Switchboard.Core.Orders;
using Switchboard.Core.Phones;
using Switchboard.Core.Tickets;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;
using Switchboard.Sync.Polling;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Support;

/// <summary>
/// Sync as the hub wires it (<see cref="SyncServiceCollectionExtensions.AddSync"/>): configuration files in a
/// temporary directory loaded by the real loader (and reloaded with <see cref="Reload"/>), connectors, and a
/// migrated SQLite file or PostgreSQL database. The clock is a <see cref="FakeTimeProvider"/>; the hosted
/// services are not started unless a test starts them.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2025-03-01T12:00:00Z", CultureInfo.InvariantCulture);

    private readonly TestPostgres? _postgres;
    private readonly StorageOptions _options;
    private readonly List<SyncHarness> _others = [];
    private HubConfiguration _configuration;
    private bool _owned;

    private SyncHarness(TempDirectory directory, TestPostgres? postgres, StorageOptions options, HubConfiguration configuration, ServiceProvider services,
        FakeTimeProvider clock, CapturedLogs logs, RecordedChanges published)
    {
        Directory = directory;
        _postgres = postgres;
        _options = options;
        _configuration = configuration;
        Services = services;
        Clock = clock;
        Logs = logs;
        Published = published;
    }

    public TempDirectory Directory { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public CapturedLogs Logs { get; }

    public RecordedChanges Published { get; }

    public ChangeApplier Applier => Services.GetRequiredService<ChangeApplier>();

    public ChangePoller Poller => Services.GetRequiredService<ChangePoller>();

    public HighWaterMarks Marks => Services.GetRequiredService<HighWaterMarks>();

    public OrderStore Orders => Services.GetRequiredService<OrderStore>();

    public TicketStore Tickets => Services.GetRequiredService<TicketStore>();

    public CrossReferenceStore Links => Services.GetRequiredService<CrossReferenceStore>();

    /// <param name="files">Configuration files (relative path, content) besides switchboard.yaml.</param>
    public static async Task<SyncHarness> StartAsync(TestStorage storage, params (string Path, string Content)[] files)
    {
        var directory = new TempDirectory("switchboard-sync");
        directory.Write("switchboard.yaml", "hub:\n  name: Sync tests\nphone:\n  defaultRegion: US\n");
        foreach (var (path, content) in files)
        {
            directory.Write(path, content);
        }

        var postgres = storage == TestStorage.PostgreSql ? await TestPostgres.CreateAsync() : null;
        var options = postgres is null
            ? new StorageOptions { SqlitePath = Path.Combine(directory.Path, "hub.db") }
            : new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = postgres.ConnectionString };
        var harness = Build(directory, postgres, options, new FakeTimeProvider(Start), owner: null);
        await harness.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>
    /// A second hub process on the same database and configuration, with its own services (stores, applier,
    /// poller, instance id) and the same clock; disposed with this one.
    /// </summary>
    public SyncHarness AnotherHub()
    {
        var other = Build(Directory, null, _options, Clock, owner: this);
        _others.Add(other);
        return other;
    }

    private static SyncHarness Build(TempDirectory directory, TestPostgres? postgres, StorageOptions options, FakeTimeProvider clock, SyncHarness? owner)
    {
        var logs = new CapturedLogs();
        var published = new RecordedChanges();
        SyncHarness? harness = null;
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(new PhoneNormalizer("US"))
            .AddSingleton<Func<HubConfiguration?>>(() => harness?._configuration)
            .AddSingleton<IRecordChangePublisher>(published)
            .AddSwitchboardStorage(options)
            .AddConnectors(sp => () => harness?._configuration)
            .AddSync()
            .BuildServiceProvider();
        harness = new SyncHarness(directory, postgres, options, owner?._configuration ?? Load(directory.Path), services, clock, logs, published) { _owned = owner is not null };
        return harness;
    }

    /// <summary>Reads the configuration directory again (after a test changed its files).</summary>
    public void Reload() => _configuration = Load(Directory.Path);

    public async Task<string> SaveCustomerAsync(string system, string externalId)
    {
        var id = HubIds.New();
        await Services.GetRequiredService<CustomerStore>().UpsertAsync(new Customer
        {
            Id = id,
            DisplayName = $"Customer {externalId}",
            CrossReferences = [new CrossReference(EntityKind.Customer, id, system, externalId)],
            CreatedAt = Start,
            UpdatedAt = Start,
        }, CancellationToken.None);
        return id;
    }

    public async Task<Order> SaveOrderAsync(string customerId, string system, string externalId, OrderStatus status, string updatedAt)
    {
        var id = HubIds.New();
        var order = new Order
        {
            Id = id,
            CustomerId = customerId,
            Number = externalId,
            Status = status,
            Lines = [new OrderLine("SKU-1", "Widget", 2, 9.5m)],
            CrossReferences = [new CrossReference(EntityKind.Order, id, system, externalId)],
            CreatedAt = At(updatedAt),
            UpdatedAt = At(updatedAt),
        };
        await Orders.UpsertAsync(order, CancellationToken.None);
        return order;
    }

    public async Task<Ticket> SaveTicketAsync(string customerId, string system, string externalId, TicketStatus status, string updatedAt)
    {
        var id = HubIds.New();
        var ticket = new Ticket
        {
            Id = id,
            CustomerId = customerId,
            Number = externalId,
            Subject = "Parcel damaged",
            Status = status,
            CrossReferences = [new CrossReference(EntityKind.Ticket, id, system, externalId)],
            CreatedAt = At(updatedAt),
            UpdatedAt = At(updatedAt),
        };
        await Tickets.UpsertAsync(ticket, CancellationToken.None);
        return ticket;
    }

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_owned)
        {
            return;
        }

        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Dispose();
    }

    private static HubConfiguration Load(string directory)
    {
        var loaded = ConfigurationLoader.Load(directory);
        return loaded.IsValid
            ? loaded.Configuration!
            : throw new InvalidOperationException("the test configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, loaded.Errors));
    }
}
