using System.Text;
using RabbitMQ.Client;

namespace Switchboard.Connectors.Tests.Amqp;

/// <summary>
/// The RabbitMQ that ./test.sh starts (SWITCHBOARD_TEST_RABBITMQ, an amqp:// URI), with a channel to
/// declare, fill and inspect queues and exchanges of unique names, which are deleted on dispose.
/// Without the variable the test fails: broker tests never pass silently.
/// </summary>
internal sealed class RabbitMqTestBroker : IAsyncDisposable
{
    public const string Variable = "SWITCHBOARD_TEST_RABBITMQ";

    private readonly IConnection _connection;
    private readonly List<string> _queues = [];
    private readonly List<string> _exchanges = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    private RabbitMqTestBroker(Uri address, IConnection connection, IChannel channel)
    {
        Address = address;
        _connection = connection;
        Channel = channel;
    }

    public Uri Address { get; }

    public IChannel Channel { get; }

    public static async Task<RabbitMqTestBroker> ConnectAsync()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: run the tests through ./test.sh, which starts RabbitMQ and sets it to an amqp:// URI.");
        }

        var address = new Uri(text);
        var connection = await new ConnectionFactory { Uri = address }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        return new RabbitMqTestBroker(address, connection, channel);
    }

    public string Name(string kind) => $"sb-test-{kind}-{_run}";

    public async Task<string> DeclareExchangeAsync(string kind, string type = ExchangeType.Topic)
    {
        var name = Name(kind);
        await Channel.ExchangeDeclareAsync(name, type, durable: false, autoDelete: false);
        _exchanges.Add(name);
        return name;
    }

    public async Task<string> DeclareQueueAsync(string kind, IDictionary<string, object?>? arguments = null)
    {
        var name = Name(kind);
        await Channel.QueueDeclareAsync(name, durable: false, exclusive: false, autoDelete: false, arguments);
        _queues.Add(name);
        return name;
    }

    public async Task SendAsync(string queue, string body, string? messageId = null) =>
        await Channel.BasicPublishAsync("", queue, mandatory: false,
            new BasicProperties { MessageId = messageId, ContentType = "application/json" }, Encoding.UTF8.GetBytes(body));

    /// <summary>Messages ready for delivery (not counting those delivered and not yet acknowledged).</summary>
    public async Task<uint> ReadyAsync(string queue) => (await Channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>Waits until the queue holds <paramref name="expected"/> ready messages (requeues land asynchronously).</summary>
    public async Task<uint> ReadyEventuallyAsync(string queue, uint expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        uint ready;
        while ((ready = await ReadyAsync(queue)) != expected && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        return ready;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            await Channel.QueueDeleteAsync(queue);
        }

        foreach (var exchange in _exchanges)
        {
            await Channel.ExchangeDeleteAsync(exchange);
        }

        await Channel.CloseAsync();
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }
}
