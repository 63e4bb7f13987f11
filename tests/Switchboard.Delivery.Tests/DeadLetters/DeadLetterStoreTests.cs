using Dapper;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.DeadLetters;

/// <summary>The dead-letter store on a real database; runs unchanged on SQLite and on PostgreSQL.</summary>
public abstract class DeadLetterStoreTests(TestStorage kind) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly DeliverySignal _signal = new();
    private DeliveryDatabase _database = null!;
    private DeadLetterStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await DeliveryDatabase.CreateAsync(kind);
        _store = new DeadLetterStore(_database.Storage, _signal, _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_dead_letter_keeps_the_message_the_reason_and_every_attempt_with_its_timing()
    {
        var message = Message("crm", "interaction:1", "m1", enqueuedAt: Start.AddMinutes(-5));
        DeliveryAttempt[] attempts =
        [
            new(1, Start.AddMinutes(-5).AddTicks(1234567), 12.5, "connection refused", "Transport", null),
            new(2, Start.AddMinutes(-4).AddMilliseconds(250), 30000.25, "HTTP 503 Service Unavailable: try later", "Status", 503),
        ];

        await _store.AddAsync(message, "HTTP 503 after 2 attempts", attempts, Start.AddMinutes(-4).AddSeconds(30), CancellationToken.None);
        var letter = await _store.GetAsync("m1", CancellationToken.None);

        letter.ShouldNotBeNull();
        letter.Reason.ShouldBe("HTTP 503 after 2 attempts");
        letter.FailedAt.ShouldBe(Start.AddMinutes(-4).AddSeconds(30));
        letter.Attempts.ShouldBe(attempts);
        letter.Message.Id.ShouldBe("m1");
        letter.Message.Target.ShouldBe("crm");
        letter.Message.Operation.ShouldBe("interaction.log");
        letter.Message.RecordKey.ShouldBe("interaction:1");
        letter.Message.IdempotencyKey.ShouldBe("test:m1");
        letter.Message.Source.ShouldBe("test");
        letter.Message.Arguments.ToJsonString().ShouldBe(message.Arguments.ToJsonString());
        letter.Message.OccurredAt.ShouldBe(message.OccurredAt);
        letter.Message.EnqueuedAt.ShouldBe(Start.AddMinutes(-5));
    }

    [Fact]
    public async Task A_message_dead_lettered_twice_keeps_its_first_entry()
    {
        var message = Message("crm", "interaction:1", "m1");
        await _store.AddAsync(message, "first", [Attempt(1)], Start, CancellationToken.None);

        await _store.AddAsync(message, "second", [Attempt(1), Attempt(2)], Start.AddMinutes(1), CancellationToken.None);

        var letter = await _store.GetAsync("m1", CancellationToken.None);
        letter!.Reason.ShouldBe("first");
        letter.Attempts.Count.ShouldBe(1);
        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        (await _store.GetAsync("nothing", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Pages_run_newest_failure_first_without_gaps_or_repeats()
    {
        // Three failures share an instant, so the id breaks the tie and the cursor must carry it.
        var failures = new (string Id, int Minute)[] { ("a", 1), ("b", 5), ("c", 5), ("d", 5), ("e", 2), ("f", 9), ("g", 3) };
        foreach (var (id, minute) in failures)
        {
            await _store.AddAsync(Message("crm", "r", id), "failed", [Attempt(1)], Start.AddMinutes(minute), CancellationToken.None);
        }

        var seen = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await _store.ListAsync(new DeadLetterFilter(), 3, after, CancellationToken.None);
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(l => l.Message.Id));
            after = page.Next;
            pages++;
        }
        while (after is not null);

        seen.ShouldBe(["f", "d", "c", "b", "g", "e", "a"]);
        pages.ShouldBe(3);
        (await _store.ListAsync(new DeadLetterFilter(), 7, null, CancellationToken.None)).Next.ShouldBeNull();
    }

    [Fact]
    public async Task A_cursor_that_was_not_returned_is_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => _store.ListAsync(new DeadLetterFilter(), 10, "yesterday", CancellationToken.None));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => _store.ListAsync(new DeadLetterFilter(), 0, null, CancellationToken.None));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => _store.ListAsync(new DeadLetterFilter(), 501, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_filter_narrows_by_target_operation_source_and_failure_time()
    {
        await _store.AddAsync(Message("crm", "r1", "m1"), "x", [Attempt(1)], Start, CancellationToken.None);
        await _store.AddAsync(Message("crm", "r2", "m2", operation: "task.create"), "x", [Attempt(1)], Start.AddHours(1), CancellationToken.None);
        await _store.AddAsync(Message("erp", "r3", "m3") with { Source = "desktop" }, "x", [Attempt(1)], Start.AddHours(2), CancellationToken.None);

        (await Ids(new DeadLetterFilter { Target = "crm" })).ShouldBe(["m2", "m1"]);
        (await Ids(new DeadLetterFilter { Operation = "task.create" })).ShouldBe(["m2"]);
        (await Ids(new DeadLetterFilter { Source = "desktop" })).ShouldBe(["m3"]);
        (await Ids(new DeadLetterFilter { Id = "m1" })).ShouldBe(["m1"]);
        (await Ids(new DeadLetterFilter { FailedFrom = Start.AddHours(1) })).ShouldBe(["m3", "m2"]);
        (await Ids(new DeadLetterFilter { FailedTo = Start.AddHours(1) })).ShouldBe(["m1"]);
        (await Ids(new DeadLetterFilter { Target = "crm", FailedFrom = Start.AddMinutes(1) })).ShouldBe(["m2"]);
        (await Ids(new DeadLetterFilter { Target = "ticketing" })).ShouldBeEmpty();
        (await _store.CountAsync(new DeadLetterFilter { Target = "crm" }, CancellationToken.None)).ShouldBe(2);
    }

    [Fact]
    public async Task Replay_moves_the_message_back_to_the_outbox_with_its_id_and_key_and_audits_the_actor()
    {
        var message = Message("crm", "interaction:1", "m1", enqueuedAt: Start.AddHours(-1));
        await _store.AddAsync(message, "HTTP 500", [Attempt(1)], Start.AddMinutes(-30), CancellationToken.None);
        await _store.AddAsync(Message("erp", "order:1", "m2"), "HTTP 500", [Attempt(1)], Start.AddMinutes(-30), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var replayed = await _store.ReplayAsync(new DeadLetterFilter { Id = "m1" }, "api-key:ops (k1)", CancellationToken.None);

        replayed.ShouldBe(1);
        (await _store.GetAsync("m1", CancellationToken.None)).ShouldBeNull();
        (await _store.GetAsync("m2", CancellationToken.None)).ShouldNotBeNull();
        var outbox = await OutboxAsync();
        outbox.Count.ShouldBe(1);
        outbox[0].Id.ShouldBe("m1");
        outbox[0].IdempotencyKey.ShouldBe("test:m1");
        outbox[0].RecordKey.ShouldBe("interaction:1");
        outbox[0].Arguments.ShouldBe(message.Arguments.ToJsonString());
        outbox[0].EnqueuedAt.ShouldBe(Start.AddMinutes(10).ToUnixTimeMilliseconds());
        outbox[0].OccurredAt.ShouldBe(message.OccurredAt.ToUnixTimeMilliseconds());
        var actions = await _store.ActionsAsync(10, CancellationToken.None);
        actions.ShouldBe([new DeliveryAction(Start.AddMinutes(10), "api-key:ops (k1)", "replay", "m1", "crm", "HTTP 500")]);
        (await _signal.WaitAsync("crm", TimeSpan.Zero, CancellationToken.None)).ShouldBeTrue();
        (await _signal.WaitAsync("erp", TimeSpan.Zero, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Replay_puts_messages_about_one_record_back_in_the_order_they_were_first_written()
    {
        // The later message failed first; the outbox must still get the earlier one first.
        await _store.AddAsync(Message("crm", "interaction:1", "m2", enqueuedAt: Start.AddMinutes(2)), "x", [Attempt(1)], Start.AddMinutes(3), CancellationToken.None);
        await _store.AddAsync(Message("crm", "interaction:1", "m1", enqueuedAt: Start.AddMinutes(1)), "x", [Attempt(1)], Start.AddMinutes(4), CancellationToken.None);
        await _store.AddAsync(Message("erp", "order:1", "m3"), "x", [Attempt(1)], Start, CancellationToken.None);

        var replayed = await _store.ReplayAsync(new DeadLetterFilter { Target = "crm" }, "cli:ops", CancellationToken.None);

        replayed.ShouldBe(2);
        (await OutboxAsync()).Select(r => r.Id).ShouldBe(["m1", "m2"]);
        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(1);
        (await _store.ActionsAsync(10, CancellationToken.None)).Select(a => (a.Actor, a.Action, a.MessageId)).ShouldBe(
            [("cli:ops", "replay", "m2"), ("cli:ops", "replay", "m1")]);
    }

    [Fact]
    public async Task Replaying_all_empties_the_dead_letters_and_wakes_every_target()
    {
        await _store.AddAsync(Message("crm", "r1", "m1"), "x", [Attempt(1)], Start, CancellationToken.None);
        await _store.AddAsync(Message("erp", "r2", "m2"), "x", [Attempt(1)], Start, CancellationToken.None);

        (await _store.ReplayAsync(DeadLetterFilter.Everything, "cli:ops", CancellationToken.None)).ShouldBe(2);

        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(0);
        (await OutboxAsync()).Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(["m1", "m2"]);
        (await _signal.WaitAsync("crm", TimeSpan.Zero, CancellationToken.None)).ShouldBeTrue();
        (await _signal.WaitAsync("erp", TimeSpan.Zero, CancellationToken.None)).ShouldBeTrue();
        (await _store.ReplayAsync(DeadLetterFilter.Everything, "cli:ops", CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Replaying_a_message_still_in_the_outbox_leaves_one_copy()
    {
        var message = Message("crm", "r1", "m1");
        await new Outbox.Outbox(_database.Storage, _signal, TimeProvider.System).EnqueueAsync([message], CancellationToken.None);
        await _store.AddAsync(message, "x", [Attempt(1)], Start, CancellationToken.None);

        (await _store.ReplayAsync(new DeadLetterFilter { Id = "m1" }, "cli:ops", CancellationToken.None)).ShouldBe(1);

        (await OutboxAsync()).Select(r => r.Id).ShouldBe(["m1"]);
    }

    [Fact]
    public async Task Discard_deletes_the_dead_letters_and_audits_without_touching_the_outbox()
    {
        await _store.AddAsync(Message("crm", "r1", "m1"), "mapping failed: customerId is empty", [Attempt(1)], Start, CancellationToken.None);
        await _store.AddAsync(Message("crm", "r2", "m2"), "x", [Attempt(1)], Start.AddHours(2), CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(3));

        var discarded = await _store.DiscardAsync(new DeadLetterFilter { FailedTo = Start.AddHours(1) }, "cli:ops", CancellationToken.None);

        discarded.ShouldBe(1);
        (await _store.GetAsync("m1", CancellationToken.None)).ShouldBeNull();
        (await _store.GetAsync("m2", CancellationToken.None)).ShouldNotBeNull();
        (await OutboxAsync()).ShouldBeEmpty();
        (await _store.ActionsAsync(10, CancellationToken.None)).ShouldBe(
            [new DeliveryAction(Start.AddHours(3), "cli:ops", "discard", "m1", "crm", "mapping failed: customerId is empty")]);
    }

    [Fact]
    public async Task An_empty_filter_is_refused_and_nothing_changes()
    {
        await _store.AddAsync(Message("crm", "r1", "m1"), "x", [Attempt(1)], Start, CancellationToken.None);

        var replay = await Should.ThrowAsync<ArgumentException>(() => _store.ReplayAsync(new DeadLetterFilter(), "cli:ops", CancellationToken.None));
        var discard = await Should.ThrowAsync<ArgumentException>(() => _store.DiscardAsync(new DeadLetterFilter(), "cli:ops", CancellationToken.None));

        replay.Message.ShouldBe("say which dead letters: an id, a filter, or all");
        discard.Message.ShouldBe("say which dead letters: an id, a filter, or all");
        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(1);
        (await OutboxAsync()).ShouldBeEmpty();
        (await _store.ActionsAsync(10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_operators_replaying_at_once_replay_each_dead_letter_once()
    {
        for (var i = 0; i < 40; i++)
        {
            await _store.AddAsync(Message("crm", $"r{i}", $"m{i:D2}"), "x", [Attempt(1)], Start.AddSeconds(i), CancellationToken.None);
        }

        var counts = await Task.WhenAll(
            Task.Run(() => _store.ReplayAsync(new DeadLetterFilter { Target = "crm" }, "cli:one", CancellationToken.None)),
            Task.Run(() => _store.ReplayAsync(DeadLetterFilter.Everything, "cli:two", CancellationToken.None)));

        counts.Sum().ShouldBe(40);
        (await OutboxAsync()).Count.ShouldBe(40);
        var actions = await _store.ActionsAsync(500, CancellationToken.None);
        actions.Count.ShouldBe(40);
        actions.Select(a => a.MessageId).Distinct().Count().ShouldBe(40);
    }

    [Fact]
    public async Task The_audit_trail_lists_the_newest_action_first_up_to_the_limit()
    {
        foreach (var id in new[] { "m1", "m2", "m3" })
        {
            await _store.AddAsync(Message("crm", "r", id), "x", [Attempt(1)], Start, CancellationToken.None);
        }

        await _store.DiscardAsync(new DeadLetterFilter { Id = "m1" }, "cli:a", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _store.ReplayAsync(new DeadLetterFilter { Id = "m2" }, "cli:b", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _store.DiscardAsync(new DeadLetterFilter { Id = "m3" }, "cli:c", CancellationToken.None);

        var actions = await _store.ActionsAsync(2, CancellationToken.None);

        actions.Select(a => (a.Actor, a.Action, a.MessageId, a.At)).ShouldBe(
            [("cli:c", "discard", "m3", Start.AddSeconds(2)), ("cli:b", "replay", "m2", Start.AddSeconds(1))]);
    }

    private async Task<IReadOnlyList<string>> Ids(DeadLetterFilter filter) =>
        [.. (await _store.ListAsync(filter, 100, null, CancellationToken.None)).Items.Select(l => l.Message.Id)];

    private async Task<List<OutboxRow>> OutboxAsync()
    {
        await using var connection = await _database.Storage.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<OutboxRow>($"SELECT {OutboxRow.Columns} FROM delivery_outbox ORDER BY seq")).AsList();
    }

    private static DeliveryMessage Message(string target, string record, string id, string operation = "interaction.log", DateTimeOffset? enqueuedAt = null) =>
        DeliveryDatabase.Message(target, record, id, operation) with
        {
            OccurredAt = Start.AddMinutes(-10),
            EnqueuedAt = enqueuedAt ?? Start.AddMinutes(-9),
        };

    private static DeliveryAttempt Attempt(int number) =>
        new(number, Start.AddSeconds(number), 100 + number, $"attempt {number} failed", "Transport", null);
}

public sealed class DeadLetterStoreOnSqliteTests() : DeadLetterStoreTests(TestStorage.Sqlite);

public sealed class DeadLetterStoreOnPostgreSqlTests() : DeadLetterStoreTests(TestStorage.PostgreSql);
