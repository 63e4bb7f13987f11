using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Switchboard.Configuration;

namespace Switchboard.Delivery.Tests.RabbitMq;

/// <summary>
/// The RabbitMQ that ./test.sh starts (SWITCHBOARD_TEST_RABBITMQ), with a unique queue prefix per test and a channel to
/// inspect what the transport declared. Deletes the prefix's exchanges and the queues of the targets it was told about
/// on dispose. Without the variable the test fails: broker tests never pass silently.
/// </summary>
internal sealed class DeliveryBroker : IAsyncDisposable
{
    public const string Variable = "SWITCHBOARD_TEST_RABBITMQ";

    private readonly IConnection _connection;
    private readonly HashSet<string> _targets = [];
    private IChannel _channel;

    private DeliveryBroker(Uri address, IConnection connection, IChannel channel)
    {
        Address = address;
        _connection = connection;
        _channel = channel;
    }

    public Uri Address { get; }

    public string Prefix { get; } = $"sb-test-{Guid.NewGuid():N}"[..20];

    public string DeadLetters => $"{Prefix}.dead";

    public RabbitMqDeliverySettings Settings => SettingsFor(Prefix);

    /// <summary>Settings naming the test broker's variable (the transport itself takes the resolved URI).</summary>
    public static RabbitMqDeliverySettings SettingsFor(string prefix) => new()
    {
        ConnectionString = SecretReference.TryParse($"${{env:{Variable}}}", null, out var reference, out var error)
            ? reference
            : throw new InvalidOperationException(error),
        QueuePrefix = prefix,
    };

    public static async Task<DeliveryBroker> ConnectAsync()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: run the tests through ./test.sh, which starts RabbitMQ and sets it to an amqp:// URI.");
        }

        var address = new Uri(text);
        var connection = await new ConnectionFactory { Uri = address }.CreateConnectionAsync();
        return new DeliveryBroker(address, connection, await connection.CreateChannelAsync());
    }

    /// <summary>The transport's queue for <paramref name="target"/>, deleted on dispose.</summary>
    public string Queue(string target)
    {
        _targets.Add(target);
        return $"{Prefix}.{target}";
    }

    /// <summary>A channel for inspection; reopened when a refused declaration closed the last one.</summary>
    public async Task<IChannel> ChannelAsync()
    {
        if (!_channel.IsOpen)
        {
            await _channel.DisposeAsync();
            _channel = await _connection.CreateChannelAsync();
        }

        return _channel;
    }

    /// <summary>Messages ready for delivery (not those delivered and not yet acknowledged).</summary>
    public async Task<long> ReadyAsync(string queue) => (await (await ChannelAsync()).QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>Waits until the queue holds <paramref name="expected"/> ready messages; returns what it holds in the end.</summary>
    public async Task<long> ReadyEventuallyAsync(string queue, long expected)
    {
        long ready = -1;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                return (ready = await ReadyAsync(queue)) == expected;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                return false; // not declared yet
            }
        });
        return ready;
    }

    /// <summary>
    /// Takes <paramref name="count"/> messages off the queue with a consumer of its own (basic.get is refused on a
    /// queue with a single active consumer), or what came within the patience.
    /// </summary>
    public async Task<List<BasicDeliverEventArgs>> TakeAsync(string queue, int count)
    {
        await using var channel = await _connection.CreateChannelAsync();
        var taken = new List<BasicDeliverEventArgs>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // The body's memory belongs to the client after the handler: keep a copy.
            lock (taken)
            {
                taken.Add(new BasicDeliverEventArgs(delivery.ConsumerTag, delivery.DeliveryTag, delivery.Redelivered, delivery.Exchange,
                    delivery.RoutingKey, delivery.BasicProperties, delivery.Body.ToArray()));
                if (taken.Count >= count)
                {
                    done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        };
        var tag = await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        await Wait.CompletesWithinAsync(done.Task, Wait.Patience);
        await channel.BasicCancelAsync(tag);
        await channel.CloseAsync();
        lock (taken)
        {
            return [.. taken];
        }
    }

    public async Task PublishRawAsync(string target, byte[] body, string messageId) =>
        await (await ChannelAsync()).BasicPublishAsync(Prefix, target, mandatory: false,
            new BasicProperties { MessageId = messageId, ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent }, body);

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _targets.Select(t => $"{Prefix}.{t}").Append(DeadLetters))
        {
            await (await ChannelAsync()).QueueDeleteAsync(queue);
        }

        await (await ChannelAsync()).ExchangeDeleteAsync(Prefix);
        await (await ChannelAsync()).ExchangeDeleteAsync(DeadLetters);
        await _channel.CloseAsync();
        await _channel.DisposeAsync();
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }
}
