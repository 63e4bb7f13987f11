using System.Text;
using RabbitMQ.Client;

namespace Switchboard.Environment.Tests;

public class RabbitMqTests
{
    [Fact]
    public async Task RabbitMQ_confirms_a_message_on_a_quorum_queue_and_returns_it()
    {
        using var timeout = new CancellationTokenSource(TestEnvironment.Timeout);
        var ct = timeout.Token;
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.Require(TestEnvironment.RabbitMqVariable)) };

        await using var connection = await factory.CreateConnectionAsync("switchboard-environment-tests", ct);
        // With confirmation tracking on, BasicPublishAsync completes only once the broker confirms.
        var channelOptions = new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(channelOptions, ct);

        var queue = $"switchboard.environment.{Guid.NewGuid():N}";
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: ct);
        try
        {
            var body = Encoding.UTF8.GetBytes("{\"eventId\":\"environment-check\"}");
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body, ct);

            var received = await GetOneAsync(channel, queue, ct);
            Encoding.UTF8.GetString(received.Body.Span).ShouldBe("{\"eventId\":\"environment-check\"}");
            await channel.BasicAckAsync(received.DeliveryTag, multiple: false, ct);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: CancellationToken.None);
        }
    }

    private static async Task<BasicGetResult> GetOneAsync(IChannel channel, string queue, CancellationToken ct)
    {
        // A confirmed message is enqueued, but a quorum queue may take a moment to make it visible to basic.get.
        while (true)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: false, ct);
            if (result is not null)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }
    }
}
