using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Monitoring;
using Switchboard.Delivery.Outbox;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Support;

/// <summary>
/// The whole delivery engine against real parts: a migrated SQLite or PostgreSQL database, the embedded or the RabbitMQ
/// transport (a queue prefix of its own on the test broker), the real connectors, and <see cref="CountingReceiver"/>s
/// standing in for the target systems (<c>receiver</c>, and <c>other</c> for tests of two targets).
/// </summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly DeliveryDatabase _database;
    private readonly TempDirectory _config;
    private readonly ServiceProvider _services;
    private readonly ConfigurationMonitor _monitor;
    private readonly string _prefix;
    private readonly bool _rabbit;

    private DeliveryHarness(DeliveryDatabase database, TempDirectory config, ServiceProvider services, ConfigurationMonitor monitor,
        CountingReceiver receiver, CountingReceiver other, string prefix, bool rabbit)
    {
        _database = database;
        _config = config;
        _services = services;
        _monitor = monitor;
        Receiver = receiver;
        Other = other;
        _prefix = prefix;
        _rabbit = rabbit;
    }

    public CountingReceiver Receiver { get; }

    public CountingReceiver Other { get; }

    public IStorageProvider Storage => _database.Storage;

    public Outbox.Outbox Outbox => _services.GetRequiredService<Outbox.Outbox>();

    public DeadLetterStore DeadLetters => _services.GetRequiredService<DeadLetterStore>();

    public DeliveryMetrics Metrics => _services.GetRequiredService<DeliveryMetrics>();

    public DeliveryService Service => _services.GetRequiredService<DeliveryService>();

    public static async Task<DeliveryHarness> StartAsync(
        TestStorage storage, DeliveryTransportKind transport, int concurrency = 8, int maxAttempts = 5, int baseDelayMs = 50, int window = 256)
    {
        var database = await DeliveryDatabase.CreateAsync(storage);
        var receiver = await CountingReceiver.StartAsync();
        var other = await CountingReceiver.StartAsync();
        var config = new TempDirectory("switchboard-delivery");
        config.Write("switchboard.yaml", "hub:\n  name: Delivery Test\n");
        config.Write("systems/receiver.yaml", SystemYaml("receiver", receiver.Address, concurrency));
        config.Write("systems/other.yaml", SystemYaml("other", other.Address, concurrency));
        var monitor = new ConfigurationMonitor(config.Path, NullLogger<ConfigurationMonitor>.Instance, watch: false);
        var configuration = monitor.Current ?? throw new InvalidOperationException(
            "the test configuration did not load: " + string.Join("; ", monitor.LastErrors.Select(e => e.ToString())));

        var prefix = $"sb-test-delivery-{Guid.NewGuid():N}"[..36];
        var rabbit = transport == DeliveryTransportKind.RabbitMq;
        var settings = new DeliverySettings
        {
            Transport = rabbit ? DeliveryTransport.RabbitMq : DeliveryTransport.Embedded,
            RabbitMq = rabbit ? new RabbitMqDeliverySettings { ConnectionString = SecretReference.Parse("${env:SWITCHBOARD_TEST_RABBITMQ}"), QueuePrefix = prefix } : null,
            Retry = new DeliveryRetrySettings { MaxAttempts = maxAttempts, BaseDelayMs = baseDelayMs, MaxDelayMs = Math.Max(baseDelayMs, 400) },
            Window = window,
        };

        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(database.Storage)
            .AddSingleton(monitor)
            .AddSingleton<IOperationInvoker>(sp => ConnectorServiceCollectionExtensions.CreateRegistry(configuration, sp.GetRequiredService<ILoggerFactory>()))
            .AddDelivery(settings)
            .BuildServiceProvider();
        var harness = new DeliveryHarness(database, config, services, monitor, receiver, other, prefix, rabbit);
        await harness.Service.StartAsync(CancellationToken.None);
        return harness;
    }

    private static string SystemYaml(string name, Uri address, int concurrency) => $$$"""
        name: {{{name}}}
        kind: crm
        protocol: rest
        mode: on
        address: {{{address}}}
        allowPrivateNetworks: true
        concurrency: {{{concurrency}}}
        timeouts: { requestSeconds: 5 }
        retry: { maxAttempts: 1 }
        circuitBreaker: { failureRatio: 1, minimumCalls: 1000, breakSeconds: 1 }
        operations:
          interaction.log:
            method: POST
            path: /activities
            idempotencyKey: Idempotency-Key
            headers: { Content-Type: application/json }
            body: |
              { "callId": {{ record | json }}, "id": {{ id | json }} }
          task.create:
            method: POST
            path: /tasks
            headers: { Content-Type: application/json }
            body: |
              { "callId": {{ record | json }} }
        """;

    /// <summary>Messages enqueued through the outbox, committed together, one signal.</summary>
    public Task EnqueueAsync(params DeliveryMessage[] messages) => Outbox.EnqueueAsync(messages, CancellationToken.None);

    public async Task<long> OutboxCountAsync()
    {
        await using var connection = await Storage.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM delivery_outbox");
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until true; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        if (_rabbit)
        {
            await RabbitMqCleanup.DeleteAsync(_prefix, ["receiver", "other"]);
        }

        _monitor.Dispose();
        await Receiver.DisposeAsync();
        await Other.DisposeAsync();
        _config.Dispose();
        await _database.DisposeAsync();
    }
}
