using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Tests.Support;
using Switchboard.Delivery.Transport;
using Switchboard.Delivery.Transport.RabbitMq;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.RabbitMq;

public sealed class RabbitMqRelayTests
{
    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Outbox_rows_reach_the_target_queue_in_seq_order_and_leave_the_outbox_once_confirmed(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage);
        var queue = hub.Broker.Queue("crm");
        var messages = RabbitMqHarness.Messages("crm", 30);
        // Three commits, so seq order spans transactions.
        await hub.Outbox.EnqueueAsync(messages[..10], CancellationToken.None);
        await hub.Outbox.EnqueueAsync(messages[10..20], CancellationToken.None);
        await hub.Outbox.EnqueueAsync(messages[20..], CancellationToken.None);

        (await hub.Broker.ReadyEventuallyAsync(queue, 30)).ShouldBe(30);
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
        var taken = await hub.Broker.TakeAsync(queue, 30);
        taken.Select(m => m.BasicProperties.MessageId).ShouldBe(messages.Select(m => m.Id));
        taken.ShouldAllBe(m => m.BasicProperties.Persistent && m.BasicProperties.ContentType == "application/json");
        var first = RabbitMqMessageCodec.Decode(taken[0].Body.Span);
        JsonNode.DeepEquals(first.Arguments, messages[0].Arguments).ShouldBeTrue();
        first.ShouldBe(messages[0] with
        {
            Arguments = first.Arguments,
            // The outbox keeps instants in milliseconds.
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(messages[0].OccurredAt.ToUnixTimeMilliseconds()),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(messages[0].EnqueuedAt.ToUnixTimeMilliseconds()),
        });
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Messages_for_two_targets_go_to_their_own_queues(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage);
        var crm = RabbitMqHarness.Messages("crm", 6);
        var erp = RabbitMqHarness.Messages("erp", 4);
        await hub.Outbox.EnqueueAsync([crm[0], erp[0], crm[1], crm[2], erp[1], erp[2], crm[3], crm[4], erp[3], crm[5]], CancellationToken.None);

        (await hub.Broker.ReadyEventuallyAsync(hub.Broker.Queue("crm"), 6)).ShouldBe(6);
        (await hub.Broker.ReadyEventuallyAsync(hub.Broker.Queue("erp"), 4)).ShouldBe(4);
        (await hub.Broker.TakeAsync(hub.Broker.Queue("crm"), 6)).Select(m => m.BasicProperties.MessageId).ShouldBe(crm.Select(m => m.Id));
        (await hub.Broker.TakeAsync(hub.Broker.Queue("erp"), 4)).Select(m => m.BasicProperties.MessageId).ShouldBe(erp.Select(m => m.Id));
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_signal_wakes_the_relay_without_waiting_for_the_idle_look(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage, new RabbitMqTransportOptions { IdleLook = TimeSpan.FromMinutes(1) });
        var queue = hub.Broker.Queue("crm");
        var messages = RabbitMqHarness.Messages("crm", 2);
        await hub.Outbox.EnqueueAsync([messages[0]], CancellationToken.None);
        (await hub.Broker.ReadyEventuallyAsync(queue, 1)).ShouldBe(1);
        // Let the relay use up any wake-up still pending from the first round, and fall asleep.
        await Task.Delay(TimeSpan.FromSeconds(1));

        await hub.AddWithoutSignalAsync(messages[1]);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        (await hub.Broker.ReadyAsync(queue)).ShouldBe(1, "without a signal the relay sleeps until its idle look, a minute away");
        (await hub.OutboxCountAsync()).ShouldBe(1);

        hub.Signal.Notify("crm");
        (await hub.Broker.ReadyEventuallyAsync(queue, 2)).ShouldBe(2);
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
    }

    [Fact]
    public async Task Rows_written_by_another_process_are_found_by_the_idle_look()
    {
        await using var hub = await RabbitMqHarness.StartAsync(TestStorage.Sqlite, new RabbitMqTransportOptions { IdleLook = TimeSpan.FromMilliseconds(300) });
        var queue = hub.Broker.Queue("crm");
        await hub.AddWithoutSignalAsync(RabbitMqHarness.Messages("crm", 3));

        (await hub.Broker.ReadyEventuallyAsync(queue, 3)).ShouldBe(3);
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
    }

    [Fact]
    public async Task A_target_queue_deleted_behind_the_relay_is_declared_again_and_the_rows_kept_until_then()
    {
        await using var hub = await RabbitMqHarness.StartAsync(TestStorage.Sqlite);
        var queue = hub.Broker.Queue("crm");
        var messages = RabbitMqHarness.Messages("crm", 3);
        await hub.Outbox.EnqueueAsync([messages[0]], CancellationToken.None);
        (await hub.Broker.ReadyEventuallyAsync(queue, 1)).ShouldBe(1);

        await (await hub.Broker.ChannelAsync()).QueueDeleteAsync(queue);
        await hub.Outbox.EnqueueAsync(messages[1..], CancellationToken.None);

        (await hub.Broker.ReadyEventuallyAsync(queue, 2)).ShouldBe(2);
        (await hub.Broker.TakeAsync(queue, 2)).Select(m => m.BasicProperties.MessageId).ShouldBe(messages[1..].Select(m => m.Id));
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
        hub.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("unroutable", StringComparison.Ordinal));
        // One outage, one warning, however many tries it took; and a line when it recovered.
        hub.Logs.Entries.Count(e => e.Message.Contains("retrying with backoff", StringComparison.Ordinal)).ShouldBe(1);
        hub.Logs.Entries.ShouldContain(e => e.Message.Contains("again after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_broker_fails_the_start_with_an_error_naming_the_port_and_not_the_password()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var database = await DeliveryDatabase.CreateAsync(TestStorage.Sqlite);
        await using var transport = new RabbitMqTransport(
            DeliveryBroker.SettingsFor("sb-test-unreachable"), $"amqp://switchboard:s3cret-pw@127.0.0.1:{port}/", database.Storage, new DeliverySignal(),
            TimeProvider.System, NullLogger<RabbitMqTransport>.Instance, new RabbitMqTransportOptions { ConnectTimeout = TimeSpan.FromSeconds(3) });

        var error = await Should.ThrowAsync<DeliveryTransportException>(() => transport.StartAsync(CancellationToken.None));

        error.Message.ShouldContain($"127.0.0.1:{port}");
        error.Message.ShouldNotContain("s3cret-pw");
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Pending_count_adds_outbox_rows_queued_messages_and_unsettled_leases(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage, new RabbitMqTransportOptions { IdleLook = TimeSpan.FromMinutes(1) });
        var queue = hub.Broker.Queue("crm");
        await hub.Outbox.EnqueueAsync(RabbitMqHarness.Messages("crm", 5), CancellationToken.None);
        (await hub.Broker.ReadyEventuallyAsync(queue, 5)).ShouldBe(5);
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the relay falls asleep for its minute

        using var stop = new CancellationTokenSource();
        await using var leases = hub.Transport.ConsumeAsync("crm", 2, stop.Token).GetAsyncEnumerator(stop.Token);
        (await leases.MoveNextAsync()).ShouldBeTrue();
        var first = leases.Current;
        (await leases.MoveNextAsync()).ShouldBeTrue();
        await hub.AddWithoutSignalAsync(RabbitMqHarness.Messages("crm", 4, from: 5));
        await hub.AddWithoutSignalAsync(RabbitMqHarness.Messages("erp", 1));

        // 3 ready + 2 leased and unsettled + 4 in the outbox; the erp row is not crm's.
        (await hub.Transport.CountPendingAsync("crm", CancellationToken.None)).ShouldBe(9);
        await first.SettleAsync(CancellationToken.None);
        long pending = -1;
        await Wait.UntilAsync(async () => (pending = await hub.Transport.CountPendingAsync("crm", CancellationToken.None)) == 8);
        pending.ShouldBe(8);
        (await hub.Transport.CountPendingAsync("erp", CancellationToken.None)).ShouldBe(1);
        hub.Broker.Queue("erp");
        await stop.CancelAsync();
    }
}
