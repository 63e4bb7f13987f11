using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Switchboard.Core.Orders;
using Switchboard.Sync.Queues;
using Switchboard.Sync.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Queues;

/// <summary>Changes consumed from a queue on the real RabbitMQ that ./test.sh starts (SWITCHBOARD_TEST_RABBITMQ).</summary>
public sealed class QueueChangeConsumerTests
{
    private const string PasswordVariable = "SB_SYNC_TEST_AMQP_PASSWORD";

    [Fact]
    public async Task A_change_on_the_queue_updates_the_order_and_the_message_is_acknowledged_once_applied()
    {
        var broker = new Uri(Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_RABBITMQ")
            ?? throw new InvalidOperationException("SWITCHBOARD_TEST_RABBITMQ is not set: run the tests through ./test.sh"));
        var credentials = broker.UserInfo.Split(':');
        Environment.SetEnvironmentVariable(PasswordVariable, Uri.UnescapeDataString(credentials[1]));
        var queue = $"sb-test-sync-{Guid.NewGuid():N}";
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        try
        {
            await using var hub = await SyncHarness.StartAsync(TestStorage.Sqlite,
                ("systems/bus.yaml", BusYaml(broker, Uri.UnescapeDataString(credentials[0]), queue)),
                ("flows/orders.yaml", "name: orders\ncapability: orderCapture\nmode: on\nsystems: [bus]\n"));
            var customer = await hub.SaveCustomerAsync("bus", "C-1");
            var order = await hub.SaveOrderAsync(customer, "bus", "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");
            var consumer = hub.Services.GetRequiredService<QueueChangeConsumer>();

            await SendAsync(channel, queue, """{ "orderNo": "SO-1", "status": "PICK", "changedAt": "2025-03-01T10:00:00Z" }""");
            await SendAsync(channel, queue, """{ "orderNo": "SO-1", "status": "SHIP", "changedAt": "2025-03-01T11:00:00Z" }""");
            await consumer.StartAsync(CancellationToken.None);
            try
            {
                await EventuallyAsync(async () =>
                    (await hub.Orders.GetAsync(order.Id, CancellationToken.None))!.Status == OrderStatus.Shipped
                    && (await channel.QueueDeclarePassiveAsync(queue)).MessageCount == 0);
                hub.Published.All.Select(c => c.Status).ShouldBe(["inProgress", "shipped"]);
            }
            finally
            {
                await consumer.StopAsync(CancellationToken.None);
            }

            // Both messages were acknowledged: none comes back once the consumer's channel is closed.
            await Task.Delay(200);
            (await channel.QueueDeclarePassiveAsync(queue)).MessageCount.ShouldBe(0u);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue);
        }
    }

    private static string BusYaml(Uri broker, string username, string queue) => $$$"""
        name: bus
        kind: erp
        protocol: amqp
        mode: on
        address: amqp://{{{broker.Host}}}:{{{broker.Port}}}/
        allowPrivateNetworks: true
        auth:
          type: basic
          username: {{{username}}}
          password: ${env:{{{PasswordVariable}}}}
        operations:
          order.listChanged:
            amqp: { queue: {{{queue}}} }
            response:
              fields:
                externalId: $.orderNo
                status: { path: $.status, map: { PICK: inProgress, SHIP: shipped } }
                updatedAt: { path: $.changedAt, type: dateTime }
        """;

    private static async Task SendAsync(IChannel channel, string queue, string body) =>
        await channel.BasicPublishAsync("", queue, mandatory: false, new BasicProperties { ContentType = "application/json" }, Encoding.UTF8.GetBytes(body));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the condition did not hold in time");
            await Task.Delay(100);
        }
    }
}
