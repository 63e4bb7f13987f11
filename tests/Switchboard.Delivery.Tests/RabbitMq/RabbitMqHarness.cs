using Dapper;
using Microsoft.Extensions.Logging;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Tests.Support;
using Switchboard.Delivery.Transport.RabbitMq;
using Switchboard.Testing;
using OutboxWriter = Switchboard.Delivery.Outbox.Outbox;

namespace Switchboard.Delivery.Tests.RabbitMq;

/// <summary>A migrated database, the test broker under a unique prefix, and a started <see cref="RabbitMqTransport"/> between them.</summary>
internal sealed class RabbitMqHarness : IAsyncDisposable
{
    private readonly LoggerFactory _loggers;

    private RabbitMqHarness(DeliveryDatabase database, DeliveryBroker broker, CapturedLogs logs, LoggerFactory loggers, RabbitMqTransport transport, DeliverySignal signal)
    {
        Database = database;
        Broker = broker;
        Logs = logs;
        _loggers = loggers;
        Transport = transport;
        Signal = signal;
        Outbox = new OutboxWriter(database.Storage, signal, TimeProvider.System);
    }

    public DeliveryDatabase Database { get; }
    public DeliveryBroker Broker { get; }
    public CapturedLogs Logs { get; }
    public RabbitMqTransport Transport { get; }
    public DeliverySignal Signal { get; }
    public OutboxWriter Outbox { get; }

    public static async Task<RabbitMqHarness> StartAsync(TestStorage storage, RabbitMqTransportOptions? options = null)
    {
        var database = await DeliveryDatabase.CreateAsync(storage);
        var broker = await DeliveryBroker.ConnectAsync();
        var logs = new CapturedLogs();
        var loggers = new LoggerFactory([logs]);
        var signal = new DeliverySignal();
        var transport = new RabbitMqTransport(broker.Settings, broker.Address.ToString(), database.Storage, signal, TimeProvider.System,
            loggers.CreateLogger<RabbitMqTransport>(), options);
        var harness = new RabbitMqHarness(database, broker, logs, loggers, transport, signal);
        try
        {
            await transport.StartAsync(CancellationToken.None);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    /// <summary>Messages m00, m01, … for <paramref name="target"/>, each about its own record.</summary>
    public static DeliveryMessage[] Messages(string target, int count, int from = 0) =>
        [.. Enumerable.Range(from, count).Select(i => DeliveryDatabase.Message(target, $"record:{i}", $"{target}-m{i:D2}"))];

    /// <summary>Commits the messages without signalling: only the relay's periodic look finds them.</summary>
    public async Task AddWithoutSignalAsync(params DeliveryMessage[] messages)
    {
        await using var connection = await Database.Storage.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await OutboxWriter.AddAsync(connection, transaction, messages, CancellationToken.None);
        await transaction.CommitAsync();
    }

    public async Task<long> OutboxCountAsync()
    {
        await using var connection = await Database.Storage.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM delivery_outbox");
    }

    public async Task<long> OutboxEventuallyAsync(long expected)
    {
        long count = -1;
        await Wait.UntilAsync(async () => (count = await OutboxCountAsync()) == expected);
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        await Broker.DisposeAsync();
        await Database.DisposeAsync();
        _loggers.Dispose();
    }
}
