using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Switchboard.Connectors.Amqp;

/// <summary>
/// A consumer on one queue with manual acknowledgements, handing deliveries to one reader in order.
/// The prefetch (the system's concurrency) bounds how many unacknowledged messages it holds.
/// Disposing cancels the consumer and closes its channel, which requeues what was not acknowledged.
/// </summary>
internal sealed class AmqpSubscription : IAsyncDisposable
{
    private readonly Channel<AmqpMessage> _deliveries = System.Threading.Channels.Channel.CreateUnbounded<AmqpMessage>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly string _queue;
    private string? _consumerTag;

    private AmqpSubscription(IChannel channel, string queue)
    {
        Channel = channel;
        _queue = queue;
    }

    public IChannel Channel { get; }

    public static async Task<AmqpSubscription> StartAsync(AmqpConnection connection, string queue, int prefetch, CancellationToken cancellationToken)
    {
        var open = await connection.GetAsync(cancellationToken);
        var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken);
        var subscription = new AmqpSubscription(channel, queue);
        try
        {
            await channel.BasicQosAsync(0, (ushort)Math.Clamp(prefetch, 1, ushort.MaxValue), global: false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += subscription.OnReceivedAsync;
            consumer.UnregisteredAsync += subscription.OnUnregisteredAsync;
            consumer.ShutdownAsync += (_, e) => subscription.OnShutdownAsync(open, e);
            subscription._consumerTag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
            return subscription;
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next delivery, waiting for one; throws when the broker ended the subscription.</summary>
    public async Task<AmqpMessage?> NextAsync(CancellationToken cancellationToken) =>
        await _deliveries.Reader.WaitToReadAsync(cancellationToken) && _deliveries.Reader.TryRead(out var message) ? message : null;

    public async ValueTask DisposeAsync()
    {
        _deliveries.Writer.TryComplete();
        try
        {
            if (_consumerTag is not null && Channel.IsOpen)
            {
                await Channel.BasicCancelAsync(_consumerTag, noWait: false, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or OperationCanceledException or IOException)
        {
            // The channel is going away anyway; closing it below requeues every unacknowledged message.
        }

        await Channel.DisposeAsync();
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        // The body's memory belongs to the client once this handler returns: copy it out now.
        _deliveries.Writer.TryWrite(new AmqpMessage(delivery.DeliveryTag, Encoding.UTF8.GetString(delivery.Body.Span),
            delivery.BasicProperties.MessageId, delivery.BasicProperties.ContentType));
        return Task.CompletedTask;
    }

    private Task OnUnregisteredAsync(object sender, ConsumerEventArgs e)
    {
        // After our own cancel the writer is already complete; otherwise the broker cancelled us (queue deleted).
        _deliveries.Writer.TryComplete(new AmqpConnectException(ConnectorFailureKind.Status,
            $"the broker cancelled the consumer of queue '{_queue}' (was the queue deleted?)"));
        return Task.CompletedTask;
    }

    private Task OnShutdownAsync(IConnection connection, ShutdownEventArgs e)
    {
        // A dropped connection is recovered, consumer included; a channel closed by the broker is not.
        if (connection.IsOpen)
        {
            _deliveries.Writer.TryComplete(new AmqpConnectException(ConnectorFailureKind.Status,
                $"the broker closed the channel consuming queue '{_queue}': {e.ReplyText}"));
        }

        return Task.CompletedTask;
    }
}
