using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchboard.Delivery.Transport;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.RabbitMq;

public sealed class RabbitMqConsumeTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Leases_come_in_queue_order_with_at_most_the_window_unsettled(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage);
        hub.Broker.Queue("crm");
        var messages = RabbitMqHarness.Messages("crm", 8);
        await hub.Outbox.EnqueueAsync(messages, CancellationToken.None);

        using var stop = new CancellationTokenSource();
        await using var leases = hub.Transport.ConsumeAsync("crm", 3, stop.Token).GetAsyncEnumerator(stop.Token);
        var taken = new List<DeliveryLease>();
        for (var i = 0; i < 3; i++)
        {
            (await leases.MoveNextAsync().AsTask().WaitAsync(Wait.Patience)).ShouldBeTrue();
            taken.Add(leases.Current);
        }

        var fourth = leases.MoveNextAsync().AsTask();
        (await Wait.CompletesWithinAsync(fourth, Quiet)).ShouldBeFalse("three leases are out and the window is three");
        await taken[0].SettleAsync(CancellationToken.None);
        (await fourth.WaitAsync(Wait.Patience)).ShouldBeTrue();
        taken.Add(leases.Current);

        foreach (var lease in taken[1..])
        {
            await lease.SettleAsync(CancellationToken.None);
        }

        while (taken.Count < messages.Length)
        {
            (await leases.MoveNextAsync().AsTask().WaitAsync(Wait.Patience)).ShouldBeTrue();
            taken.Add(leases.Current);
            await leases.Current.SettleAsync(CancellationToken.None);
        }

        taken.Select(l => l.Message.Id).ShouldBe(messages.Select(m => m.Id));
        taken.ShouldAllBe(l => !l.Redelivered);
        taken[5].Message.RecordKey.ShouldBe("record:5");
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0);
        long pending = -1;
        await Wait.UntilAsync(async () => (pending = await hub.Transport.CountPendingAsync("crm", CancellationToken.None)) == 0);
        pending.ShouldBe(0);
        await stop.CancelAsync();
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Unsettled_leases_come_back_redelivered_after_the_consumer_is_cancelled(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage);
        hub.Broker.Queue("crm");
        var messages = RabbitMqHarness.Messages("crm", 3);
        await hub.Outbox.EnqueueAsync(messages, CancellationToken.None);

        using (var stop = new CancellationTokenSource())
        {
            await using var leases = hub.Transport.ConsumeAsync("crm", 10, stop.Token).GetAsyncEnumerator(stop.Token);
            for (var i = 0; i < 3; i++)
            {
                (await leases.MoveNextAsync().AsTask().WaitAsync(Wait.Patience)).ShouldBeTrue();
                leases.Current.Redelivered.ShouldBeFalse();
                if (i == 0)
                {
                    await leases.Current.SettleAsync(CancellationToken.None);
                }
            }

            var next = leases.MoveNextAsync().AsTask();
            await stop.CancelAsync();
            (await next.WaitAsync(Wait.Patience)).ShouldBeFalse("cancelling ends the enumeration cleanly");
        }

        using var again = new CancellationTokenSource();
        var redelivered = new List<DeliveryLease>();
        await foreach (var lease in hub.Transport.ConsumeAsync("crm", 10, again.Token))
        {
            redelivered.Add(lease);
            await lease.SettleAsync(CancellationToken.None);
            if (redelivered.Count == 2)
            {
                break;
            }
        }

        redelivered.Select(l => l.Message.Id).ShouldBe(messages[1..].Select(m => m.Id));
        redelivered.ShouldAllBe(l => l.Redelivered);
        (await hub.OutboxEventuallyAsync(0)).ShouldBe(0); // the relay deletes rows after the confirm, maybe after they were consumed
        (await hub.Transport.CountPendingAsync("crm", CancellationToken.None)).ShouldBe(0);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_body_that_does_not_parse_goes_to_the_dead_letter_queue_and_the_next_message_still_comes(TestStorage storage)
    {
        await using var hub = await RabbitMqHarness.StartAsync(storage);
        hub.Broker.Queue("crm");
        using var stop = new CancellationTokenSource();
        await using var leases = hub.Transport.ConsumeAsync("crm", 5, stop.Token).GetAsyncEnumerator(stop.Token);
        var first = leases.MoveNextAsync().AsTask(); // declares the queue and starts consuming

        // Declares and binds the queue (if the consumer has not yet), so the raw publish below is routed.
        (await hub.Transport.CountPendingAsync("crm", CancellationToken.None)).ShouldBe(0);
        var junk = Encoding.UTF8.GetBytes("{\"id\": 42, not json");
        await hub.Broker.PublishRawAsync("crm", junk, "junk-1");
        var good = RabbitMqHarness.Messages("crm", 1);
        await hub.Outbox.EnqueueAsync(good, CancellationToken.None);

        (await first.WaitAsync(Wait.Patience)).ShouldBeTrue();
        leases.Current.Message.Id.ShouldBe(good[0].Id);
        await leases.Current.SettleAsync(CancellationToken.None);
        (await hub.Broker.ReadyEventuallyAsync(hub.Broker.DeadLetters, 1)).ShouldBe(1);
        var dead = (await hub.Broker.TakeAsync(hub.Broker.DeadLetters, 1)).ShouldHaveSingleItem();
        dead.Body.ToArray().ShouldBe(junk);
        dead.BasicProperties.MessageId.ShouldBe("junk-1");
        hub.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("junk-1", StringComparison.Ordinal));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_second_consumer_of_a_target_receives_nothing_while_the_first_is_active()
    {
        await using var hub = await RabbitMqHarness.StartAsync(TestStorage.Sqlite);
        var queue = hub.Broker.Queue("crm");
        var messages = RabbitMqHarness.Messages("crm", 2);
        await hub.Outbox.EnqueueAsync(messages, CancellationToken.None);

        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        await using var first = hub.Transport.ConsumeAsync("crm", 1, stopFirst.Token).GetAsyncEnumerator(stopFirst.Token);
        (await first.MoveNextAsync().AsTask().WaitAsync(Wait.Patience)).ShouldBeTrue();
        first.Current.Message.Id.ShouldBe(messages[0].Id);

        await using var second = hub.Transport.ConsumeAsync("crm", 5, stopSecond.Token).GetAsyncEnumerator(stopSecond.Token);
        var secondNext = second.MoveNextAsync().AsTask();
        (await Wait.CompletesWithinAsync(secondNext, Quiet)).ShouldBeFalse("one active consumer per target queue");

        // The first process goes away: the second takes over, from the unsettled message on.
        var firstNext = first.MoveNextAsync().AsTask();
        await stopFirst.CancelAsync();
        (await firstNext.WaitAsync(Wait.Patience)).ShouldBeFalse();
        await first.DisposeAsync();
        (await secondNext.WaitAsync(Wait.Patience)).ShouldBeTrue();
        second.Current.Message.Id.ShouldBe(messages[0].Id);
        second.Current.Redelivered.ShouldBeTrue();
        (await second.MoveNextAsync().AsTask().WaitAsync(Wait.Patience)).ShouldBeTrue();
        second.Current.Message.Id.ShouldBe(messages[1].Id);

        // And the queue itself says so: declaring it without the argument is refused.
        var channel = await hub.Broker.ChannelAsync();
        var refused = await Should.ThrowAsync<OperationInterruptedException>(() => channel.QueueDeclareAsync(queue, durable: true, exclusive: false,
            autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-dead-letter-exchange"] = hub.Broker.DeadLetters }));
        ((int)refused.ShutdownReason!.ReplyCode).ShouldBe(Constants.PreconditionFailed);
        await stopSecond.CancelAsync();
    }
}
