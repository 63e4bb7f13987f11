using System.Diagnostics;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Dispatch;

/// <summary>
/// The delivery engine end to end on both databases and both transports: real SQLite/PostgreSQL, the real RabbitMQ,
/// real HTTP calls through the connectors to counting receivers.
/// </summary>
public sealed class DeliveryEngineTests
{
    public static TheoryData<TestStorage, DeliveryTransportKind> Setups => new()
    {
        { TestStorage.Sqlite, DeliveryTransportKind.Embedded },
        { TestStorage.PostgreSql, DeliveryTransportKind.Embedded },
        { TestStorage.Sqlite, DeliveryTransportKind.RabbitMq },
        { TestStorage.PostgreSql, DeliveryTransportKind.RabbitMq },
    };

    private static DeliveryMessage Message(string record, int n, string target = "receiver") =>
        DeliveryDatabase.Message(target, record, $"{record}-{n:D3}");

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Messages_about_one_record_arrive_in_the_order_they_were_written(TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport, concurrency: 8);
        var records = new[] { "rec-a", "rec-b", "rec-c", "rec-d" };
        // Interleaved, in several commits, as changes to several records would come.
        for (var n = 0; n < 25; n++)
        {
            await hub.EnqueueAsync([.. records.Select(r => Message(r, n))]);
        }

        await hub.Receiver.WaitForAsync(100, TimeSpan.FromSeconds(30));
        foreach (var record in records)
        {
            var keys = hub.Receiver.ArrivalsByCallId[record].Select(a => a.IdempotencyKey).ToList();
            keys.ShouldBe([.. Enumerable.Range(0, 25).Select(n => $"test:{record}-{n:D3}")], $"order of {record}");
        }

        hub.Receiver.Duplicates.ShouldBe(0);
        await DeliveryHarness.EventuallyAsync(async () => await hub.OutboxCountAsync() == 0, "the outbox to empty");
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Different_records_are_delivered_in_parallel_up_to_the_systems_concurrency(TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport, concurrency: 8);
        hub.Receiver.Delay = TimeSpan.FromMilliseconds(1000);
        var clock = Stopwatch.StartNew();
        await hub.EnqueueAsync([.. Enumerable.Range(0, 8).Select(i => Message($"parallel-{i}", 0))]);
        await hub.Receiver.WaitForAsync(8, TimeSpan.FromSeconds(30));

        // One after the other would take 8 × 1 s = 8 s; eight at once take one delay plus overhead (a cold start on a busy
        // CI machine included, hence the wide margin).
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(5000));
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task A_target_down_for_a_while_is_retried_and_its_queue_drains_with_nothing_lost(TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport, maxAttempts: 30, baseDelayMs: 50);
        hub.Receiver.Down = true;
        await hub.EnqueueAsync([.. Enumerable.Range(0, 120).Select(i => Message($"down-{i % 12}", i))]);
        await DeliveryHarness.EventuallyAsync(() => Task.FromResult(hub.Receiver.Refused >= 12), "the down target to refuse calls");
        await Task.Delay(500);
        hub.Receiver.Down = false;

        await hub.Receiver.WaitForAsync(120, TimeSpan.FromSeconds(40));
        hub.Receiver.Duplicates.ShouldBe(0);
        var stats = hub.Metrics.For("receiver");
        // The hub records a delivery just after the receiver answered.
        await DeliveryHarness.EventuallyAsync(() => Task.FromResult(stats.Delivered == 120), "120 confirmed deliveries");
        stats.FailedAttempts.ShouldBeGreaterThan(0);
        await DeliveryHarness.EventuallyAsync(async () => await hub.OutboxCountAsync() == 0, "the outbox to empty");
        (await hub.DeadLetters.ListAsync(new DeadLetterFilter(), 10, null, CancellationToken.None)).Items.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task A_message_the_policy_gives_up_on_becomes_a_dead_letter_with_every_attempt_and_a_replay_delivers_it_once(
        TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport, maxAttempts: 3, baseDelayMs: 30);
        hub.Receiver.Down = true;
        await hub.EnqueueAsync(Message("dead-1", 0), Message("dead-2", 0));
        await DeliveryHarness.EventuallyAsync(
            async () => (await hub.DeadLetters.ListAsync(new DeadLetterFilter(), 10, null, CancellationToken.None)).Items.Count == 2, "two dead letters");

        var dead = await hub.DeadLetters.GetAsync("dead-1-000", CancellationToken.None);
        dead.ShouldNotBeNull();
        dead.Attempts.Count.ShouldBe(3);
        dead.Attempts.ShouldAllBe(a => a.Status == 503 && a.Kind == "Status" && a.DurationMs >= 0);
        dead.Attempts.Select(a => a.Number).ShouldBe([1, 2, 3]);
        dead.Reason.ShouldStartWith("gave up after 3 attempts: receiver interaction.log:");
        dead.Message.IdempotencyKey.ShouldBe("test:dead-1-000");
        (await hub.OutboxCountAsync()).ShouldBe(0);

        hub.Receiver.Down = false;
        (await hub.DeadLetters.ReplayAsync(new DeadLetterFilter { Id = "dead-1-000" }, "operator:li.wei", CancellationToken.None)).ShouldBe(1);
        await hub.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));
        hub.Receiver.CountOf("test:dead-1-000").ShouldBe(1);
        hub.Receiver.CountOf("test:dead-2-000").ShouldBe(0);
        var audit = await hub.DeadLetters.ActionsAsync(10, CancellationToken.None);
        audit.ShouldContain(a => a.Action == "replay" && a.Actor == "operator:li.wei" && a.MessageId == "dead-1-000" && a.Target == "receiver");
        (await hub.DeadLetters.GetAsync("dead-2-000", CancellationToken.None)).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task A_message_whose_key_the_target_already_confirmed_is_not_sent_again(TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport);
        await hub.EnqueueAsync(Message("dup", 0));
        await hub.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));

        // The same cause written again (a resend, a relay that published twice): a new message id, the same key.
        await hub.EnqueueAsync(Message("dup", 0) with { Id = "dup-again" }, Message("dup", 1));
        await hub.Receiver.WaitForAsync(2, TimeSpan.FromSeconds(20));
        await DeliveryHarness.EventuallyAsync(() => Task.FromResult(hub.Metrics.For("receiver").DuplicatesSuppressed == 1), "the duplicate to be suppressed");
        hub.Receiver.Total.ShouldBe(2);
        hub.Receiver.CountOf("test:dup-000").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task A_broken_target_holds_back_neither_another_target_nor_its_own_other_records(TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport, maxAttempts: 50, baseDelayMs: 100);
        hub.Receiver.Down = true;
        await hub.EnqueueAsync([.. Enumerable.Range(0, 20).Select(i => Message($"stuck-{i}", 0))]);
        await hub.EnqueueAsync([.. Enumerable.Range(0, 20).Select(i => Message($"free-{i}", 0, target: "other"))]);

        await hub.Other.WaitForAsync(20, TimeSpan.FromSeconds(20));
        hub.Receiver.Distinct.ShouldBe(0);
        hub.Receiver.Down = false;
        await hub.Receiver.WaitForAsync(20, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task A_refusal_that_retrying_cannot_fix_is_a_dead_letter_after_one_attempt(TestStorage storage, DeliveryTransportKind transport)
    {
        await using var hub = await DeliveryHarness.StartAsync(storage, transport, maxAttempts: 5);
        // task.create sends no Idempotency-Key, which the receiver refuses with 400.
        await hub.EnqueueAsync(Message("refused", 0) with { Operation = "task.create" });

        await DeliveryHarness.EventuallyAsync(
            async () => await hub.DeadLetters.GetAsync("refused-000", CancellationToken.None) is not null, "the dead letter");
        var dead = (await hub.DeadLetters.GetAsync("refused-000", CancellationToken.None))!;
        dead.Attempts.Count.ShouldBe(1);
        dead.Attempts[0].Status.ShouldBe(400);
        dead.Reason.ShouldStartWith("cannot succeed by retrying: receiver task.create:");
    }
}
