using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>
/// One <see cref="RabbitMqTransport.ConsumeAsync"/> run: a consumer with manual acknowledgements on a channel of its own,
/// handing leases to one reader in queue order. The prefetch, and a window of unsettled leases, bound what it holds.
/// Disposing closes the channel, which ends the consumer and returns every unsettled message to the front of the queue.
/// </summary>
internal sealed class RabbitMqConsumer : IAsyncDisposable
{
    private readonly Channel<RabbitMqLease> _leases;
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly string _deadLetters;
    private readonly ILogger _logger;
    private long _outstanding;
    private int _disposed;

    private RabbitMqConsumer(IChannel channel, string target, string queue, string deadLetters, int window, ILogger logger)
    {
        _channel = channel;
        Target = target;
        _queue = queue;
        _deadLetters = deadLetters;
        _logger = logger;
        _window = new SemaphoreSlim(window);
        // The prefetch already stops the broker at `window` unacknowledged messages; the bound only matters when a
        // recovered connection redelivers while leases of the old one are still out.
        _leases = Channel.CreateBounded<RabbitMqLease>(new BoundedChannelOptions(window) { SingleReader = true, SingleWriter = true });
    }

    public string Target { get; }

    /// <summary>Delivered to this process and not settled (including those not yet handed out).</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    public static async Task<RabbitMqConsumer> StartAsync(IConnection connection, string target, string queue, string deadLetters, int window,
        ILogger logger, CancellationToken ct)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var consumer = new RabbitMqConsumer(channel, target, queue, deadLetters, window, logger);
        try
        {
            await channel.BasicQosAsync(0, (ushort)Math.Min(window, ushort.MaxValue), global: false, ct);
            var basic = new AsyncEventingBasicConsumer(channel);
            basic.ReceivedAsync += consumer.OnReceivedAsync;
            basic.UnregisteredAsync += consumer.OnUnregisteredAsync;
            basic.ShutdownAsync += (_, e) => consumer.OnShutdownAsync(connection, e);
            await channel.BasicConsumeAsync(queue, autoAck: false, basic, ct);
            logger.Consuming(queue, window);
            return consumer;
        }
        catch
        {
            await consumer.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next lease, once one has arrived and the window has room; null when the consumer has ended.</summary>
    /// <exception cref="DeliveryTransportException">The broker ended the consumer (its queue was deleted, its channel closed).</exception>
    public async ValueTask<RabbitMqLease?> NextAsync(CancellationToken ct)
    {
        await _window.WaitAsync(ct);
        try
        {
            if (await _leases.Reader.WaitToReadAsync(ct) && _leases.Reader.TryRead(out var lease))
            {
                return lease;
            }
        }
        catch
        {
            _window.Release();
            throw;
        }

        _window.Release();
        return null;
    }

    public async ValueTask SettleAsync(RabbitMqLease lease, CancellationToken ct)
    {
        try
        {
            await _channel.BasicAckAsync(lease.DeliveryTag, multiple: false, ct);
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException or IOException)
        {
            // The channel is gone, so the broker has put the message back and delivers it again; the dispatcher drops
            // the copy by its idempotency key. Nothing to do here.
            _logger.SettleOnClosedChannel(lease.Message.Id, _queue, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
            _window.Release();
        }
    }

    /// <summary>Ends the reader's enumeration (the transport is going away).</summary>
    public void Abort() => _leases.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _leases.Writer.TryComplete();
        // No basic.cancel first: a cancelled single active consumer hands the queue to the next consumer while it still
        // holds its unacknowledged messages, so the next one would start with later messages and get these after them.
        // Closing the channel returns them and removes the consumer in one step, and the next consumer starts with them.
        await RabbitMqTopology.CloseQuietlyAsync(_channel);
        _logger.StoppedConsuming(_queue, Outstanding);
        // The window stays undisposed: a lease settled after this still releases it.
        _stopping.Dispose();
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        DeliveryMessage message;
        try
        {
            // The body's memory belongs to the client once this handler returns: decode it now.
            message = RabbitMqMessageCodec.Decode(delivery.Body.Span);
        }
        catch (FormatException ex)
        {
            _logger.Unreadable(_queue, delivery.BasicProperties.MessageId ?? "", _deadLetters, ex.Message);
            try
            {
                // Not requeued: the queue's dead-letter exchange takes it, and the next message is not held up.
                await _channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, delivery.CancellationToken);
            }
            catch (Exception nack) when (nack is RabbitMQClientException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The channel closed first: the message returns to the queue and is rejected again on its next delivery.
                _logger.SettleOnClosedChannel(delivery.BasicProperties.MessageId ?? "", _queue, nack.Message);
            }

            return;
        }

        Interlocked.Increment(ref _outstanding);
        try
        {
            await _leases.Writer.WriteAsync(new RabbitMqLease(message, delivery.Redelivered, this, delivery.DeliveryTag), _stopping.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ObjectDisposedException)
        {
            // Stopping: the message was never handed out and goes back to the queue with the channel.
            Interlocked.Decrement(ref _outstanding);
        }
    }

    private Task OnUnregisteredAsync(object sender, ConsumerEventArgs e)
    {
        // After our own cancel the writer is already complete; otherwise the broker cancelled us (queue deleted).
        _leases.Writer.TryComplete(new DeliveryTransportException($"the broker cancelled the consumer of queue '{_queue}' (was the queue deleted?)"));
        return Task.CompletedTask;
    }

    private Task OnShutdownAsync(IConnection connection, ShutdownEventArgs e)
    {
        // Our own close, or a dropped connection (recovered with the consumer): nothing to do. A channel the broker
        // closed on a live connection is not recovered: end the reader with the reason.
        if (e.Initiator != ShutdownInitiator.Application && Volatile.Read(ref _disposed) == 0 && connection.IsOpen)
        {
            _logger.ConsumerClosed(_queue, e.ReplyText);
            _leases.Writer.TryComplete(new DeliveryTransportException($"the broker closed the channel consuming queue '{_queue}': {e.ReplyText}"));
        }

        return Task.CompletedTask;
    }
}
