using RabbitMQ.Client;

namespace Switchboard.Testing;

/// <summary>Deletes what the delivery's RabbitMQ transport declared under a test's queue prefix: the targets' queues, the dead-letter queue and both exchanges.</summary>
public static class RabbitMqCleanup
{
    public static async Task DeleteAsync(string prefix, IEnumerable<string> targets)
    {
        var address = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_RABBITMQ")
            ?? throw new InvalidOperationException("SWITCHBOARD_TEST_RABBITMQ is not set: run the tests through ./test.sh.");
        await using var connection = await new ConnectionFactory { Uri = new Uri(address) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in targets.Select(t => $"{prefix}.{t}").Append($"{prefix}.dead"))
        {
            await channel.QueueDeleteAsync(queue);
        }

        await channel.ExchangeDeleteAsync(prefix);
        await channel.ExchangeDeleteAsync($"{prefix}.dead");
    }
}
