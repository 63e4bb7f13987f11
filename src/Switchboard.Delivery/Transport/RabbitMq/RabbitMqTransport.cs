using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchboard.Configuration;
using Switchboard.Delivery.Outbox;
using Switchboard.Storage;

namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>
/// Delivery over RabbitMQ. A relay moves the outbox to a durable direct exchange <c>{prefix}</c>, which routes each
/// message by its target to the quorum queue <c>{prefix}.{target}</c>; <see cref="ConsumeAsync"/> consumes that queue
/// with manual acknowledgements and a prefetch of the window. Each target's queue has a single active consumer, so
/// with several hub processes one consumes a target at a time and the order of each record holds. Messages the hub
/// cannot read go to the dead-letter exchange <c>{prefix}.dead</c> and its queue of the same name; messages the
/// dispatcher gives up on are kept in the database's dead letters, not here.
/// </summary>
public sealed class RabbitMqTransport : IDeliveryTransport
{
    private const string CountOutbox = "SELECT COUNT(*) FROM delivery_outbox WHERE target = @Target";

    private readonly string _prefix;
    private readonly string _connectionUri;
    private readonly IStorageProvider _storage;
    private readonly DeliverySignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger<RabbitMqTransport> _logger;
    private readonly RabbitMqTransportOptions _options;
    private readonly ConcurrentDictionary<RabbitMqConsumer, byte> _consumers = new();
    private readonly CancellationTokenSource _stopping = new();
    private IConnection? _connection;
    private RabbitMqTopology? _topology;
    private Task? _relay;
    private int _disposed;

    /// <param name="settings">The <c>delivery.rabbitmq</c> section (its queue prefix).</param>
    /// <param name="connectionUri">The resolved <c>amqp://</c> or <c>amqps://</c> URI; its password never reaches a log or an error.</param>
    public RabbitMqTransport(RabbitMqDeliverySettings settings, string connectionUri, IStorageProvider storage, DeliverySignal signal,
        TimeProvider clock, ILogger<RabbitMqTransport> logger, RabbitMqTransportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.QueuePrefix);
        ArgumentNullException.ThrowIfNull(connectionUri);
        _prefix = settings.QueuePrefix;
        _connectionUri = connectionUri;
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _signal = signal ?? throw new ArgumentNullException(nameof(signal));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? new RabbitMqTransportOptions();
        _options.Validate();
    }

    public string Name => "rabbitmq";

    /// <summary>Connects, declares the exchanges and the dead-letter queue, and starts the relay.</summary>
    /// <exception cref="DeliveryTransportException">The URI is not amqp(s), the broker cannot be reached, or it refused the topology.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_connection is not null)
        {
            throw new InvalidOperationException("The RabbitMQ transport is already started.");
        }

        var address = ParseAddress(_connectionUri);
        var broker = $"{address.Host}:{(address.IsDefaultPort || address.Port < 0 ? (address.Scheme == "amqps" ? 5671 : 5672) : address.Port)}";
        var factory = new ConnectionFactory
        {
            // Host, port, virtual host, TLS for amqps, and the user name and password in the userinfo.
            Uri = address,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            ClientProvidedName = "switchboard-delivery",
            RequestedConnectionTimeout = _options.ConnectTimeout,
            ContinuationTimeout = _options.ConnectTimeout,
            HandshakeContinuationTimeout = _options.ConnectTimeout,
        };
        if (factory.Ssl.Enabled)
        {
            factory.Ssl.ServerName = address.IdnHost;
        }

        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException ex)
        {
            var reason = Find<AuthenticationFailureException>(ex) is { } auth
                ? $"it refused the credentials: {auth.Message}"
                : $"it cannot be reached: {Innermost(ex).Message}";
            throw new DeliveryTransportException(Scrub($"RabbitMQ at {broker}: {reason}", address), ex);
        }

        var topology = new RabbitMqTopology(connection, _prefix);
        try
        {
            await topology.DeclareBaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or IOException or TimeoutException)
        {
            await topology.DisposeAsync();
            await CloseQuietlyAsync(connection);
            var reason = ex is OperationInterruptedException { ShutdownReason: { } shutdown } ? shutdown.ReplyText : ex.Message;
            throw new DeliveryTransportException(
                Scrub($"RabbitMQ at {broker} refused the delivery exchanges and queues under the prefix '{_prefix}': {reason}", address), ex);
        }

        _connection = connection;
        _topology = topology;
        var relay = new RabbitMqRelay(connection, topology, _storage, _signal, _clock, _options, _logger);
        _relay = Task.Run(() => RunRelayAsync(relay), CancellationToken.None);
        _logger.Started(broker, topology.Exchange, topology.DeadLetters);
    }

    /// <summary>
    /// The target's queue, in queue order, with at most <paramref name="window"/> leases unsettled. Unsettled leases go
    /// back to the queue when the enumeration ends (and come again with <see cref="DeliveryLease.Redelivered"/> set).
    /// </summary>
    /// <exception cref="DeliveryTransportException">The broker ended the consumer (the queue was deleted, the channel closed).</exception>
    public async IAsyncEnumerable<DeliveryLease> ConsumeAsync(string target, int window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var (connection, topology) = Started();
        var queue = await topology.EnsureQueueAsync(target, cancellationToken);
        var consumer = await RabbitMqConsumer.StartAsync(connection, target, queue, topology.DeadLetters, window, _logger, cancellationToken);
        _consumers[consumer] = 0;
        try
        {
            while (await NextOrNullAsync(consumer, cancellationToken) is { } lease)
            {
                yield return lease;
            }
        }
        finally
        {
            _consumers.TryRemove(consumer, out _);
            await consumer.DisposeAsync();
        }
    }

    /// <summary>Ready in the target's queue, plus delivered to this process and not settled, plus outbox rows not yet relayed.</summary>
    /// <remarks>A row the broker confirmed and the relay has not yet deleted counts twice for that moment: it is a gauge.</remarks>
    public async Task<long> CountPendingAsync(string target, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var (_, topology) = Started();
        long ready;
        try
        {
            ready = await topology.ReadyAsync(target, cancellationToken);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or IOException or TimeoutException)
        {
            throw new DeliveryTransportException($"cannot read the depth of RabbitMQ queue '{topology.QueueOf(target)}': {ex.Message}", ex);
        }

        var unsettled = _consumers.Keys.Where(c => c.Target == target).Sum(c => c.Outstanding);
        await using var db = await _storage.OpenAsync(cancellationToken);
        var waiting = await db.ExecuteScalarAsync<long>(new CommandDefinition(CountOutbox, new { Target = target }, cancellationToken: cancellationToken));
        return ready + unsettled + waiting;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_relay is not null)
        {
            await _relay;
        }

        foreach (var consumer in _consumers.Keys)
        {
            consumer.Abort();
        }

        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }

        if (_connection is not null)
        {
            await CloseQuietlyAsync(_connection);
        }

        _stopping.Dispose();
    }

    private (IConnection Connection, RabbitMqTopology Topology) Started()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _connection is not null && _topology is not null
            ? (_connection, _topology)
            : throw new InvalidOperationException("Start the RabbitMQ transport (StartAsync) before using it.");
    }

    private async Task RunRelayAsync(RabbitMqRelay relay)
    {
        try
        {
            await relay.RunAsync(_stopping.Token);
        }
        catch (Exception ex)
        {
            // RunAsync retries every failure itself; reaching here is a bug, and the hub must hear of it.
            _logger.RelayCrashed(ex);
        }
    }

    private static async ValueTask<RabbitMqLease?> NextOrNullAsync(RabbitMqConsumer consumer, CancellationToken ct)
    {
        try
        {
            return await consumer.NextAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Uri ParseAddress(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "amqp" or "amqps")
        {
            return address;
        }

        // Never the text itself: it carries the password.
        throw new DeliveryTransportException("The RabbitMQ connection string (delivery.rabbitmq.connectionString) is not an amqp:// or amqps:// URI.");
    }

    private static async Task CloseQuietlyAsync(IConnection connection)
    {
        try
        {
            await connection.CloseAsync();
        }
        catch (Exception ex) when (ex is RabbitMQClientException or OperationCanceledException or IOException or TimeoutException)
        {
            // Closing a connection that is already going away.
        }

        await connection.DisposeAsync();
    }

    /// <summary>Removes the URI's password from a message, should a library ever echo it.</summary>
    private static string Scrub(string message, Uri address)
    {
        var userInfo = Uri.UnescapeDataString(address.UserInfo);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var password = colon >= 0 ? userInfo[(colon + 1)..] : "";
        return password.Length == 0 ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    private static T? Find<T>(Exception ex)
        where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }
}
