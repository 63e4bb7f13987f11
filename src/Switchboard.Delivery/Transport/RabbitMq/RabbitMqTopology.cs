using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>
/// The exchanges and queues of one prefix, declared on a channel of their own: a refused declaration closes the channel
/// it was made on, and must not take the relay's or a consumer's with it. Declarations are idempotent; a target's queue
/// is declared once per process (and again after <see cref="Forget"/>).
/// </summary>
internal sealed class RabbitMqTopology(IConnection connection, string prefix) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private IChannel? _channel;

    /// <summary>The direct exchange every target's queue is bound to, by the target's name.</summary>
    public string Exchange => prefix;

    /// <summary>The fanout exchange, and the quorum queue bound to it, where messages the hub cannot read go.</summary>
    public string DeadLetters => $"{prefix}.dead";

    public string QueueOf(string target) => $"{prefix}.{target}";

    public async Task DeclareBaseAsync(CancellationToken ct) => await WithChannelAsync(async channel =>
    {
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(DeadLetters, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(DeadLetters, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        await channel.QueueBindAsync(DeadLetters, DeadLetters, routingKey: "", cancellationToken: ct);
        return 0;
    }, ct);

    /// <summary>Declares the target's queue (once) and binds it; returns its name.</summary>
    public async Task<string> EnsureQueueAsync(string target, CancellationToken ct)
    {
        var queue = QueueOf(target);
        if (_declared.ContainsKey(target))
        {
            return queue;
        }

        await WithChannelAsync(async channel =>
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, QueueArguments(), cancellationToken: ct);
            await channel.QueueBindAsync(queue, Exchange, routingKey: target, cancellationToken: ct);
            return 0;
        }, ct);
        _declared[target] = true;
        return queue;
    }

    /// <summary>
    /// The target's queue arguments. A quorum queue (replicated, durable); a single active consumer, so one hub process
    /// at a time consumes a target and the order of records holds across processes; unreadable messages dead-lettered.
    /// </summary>
    public Dictionary<string, object?> QueueArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-single-active-consumer"] = true,
        ["x-dead-letter-exchange"] = DeadLetters,
    };

    /// <summary>The next publish to <paramref name="target"/> declares its queue again (the broker said it was gone).</summary>
    public void Forget(string target) => _declared.TryRemove(target, out _);

    /// <summary>Messages ready in the target's queue (not those delivered and not yet acknowledged).</summary>
    public async Task<long> ReadyAsync(string target, CancellationToken ct)
    {
        var queue = await EnsureQueueAsync(target, ct);
        try
        {
            return await WithChannelAsync(async channel => (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount, ct);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            // Deleted behind our back: declare it again; it is empty.
            Forget(target);
            await EnsureQueueAsync(target, ct);
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_channel is { } channel)
            {
                _channel = null;
                await CloseQuietlyAsync(channel);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static async Task CloseQuietlyAsync(IChannel channel)
    {
        try
        {
            if (channel.IsOpen)
            {
                await channel.CloseAsync();
            }
        }
        catch (Exception ex) when (ex is RabbitMQClientException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closing a channel on a connection that is going away: nothing to keep.
        }

        await channel.DisposeAsync();
    }

    private async Task<T> WithChannelAsync<T>(Func<IChannel, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_channel is not { IsOpen: true })
            {
                if (_channel is { } closed)
                {
                    await CloseQuietlyAsync(closed);
                }

                _channel = null;
                _channel = await connection.CreateChannelAsync(cancellationToken: ct);
            }

            return await work(_channel);
        }
        finally
        {
            _gate.Release();
        }
    }
}
