using Switchboard.Core.Interactions;
using Switchboard.Storage.Stores;
using Switchboard.Storage.Tests.Support;

namespace Switchboard.Storage.Tests.Compliance;

public abstract partial class StorageComplianceTests
{
    [Fact]
    public async Task Timeline_is_ordered_by_occurrence_when_events_arrive_out_of_order()
    {
        var interaction = TestModel.Interaction();
        await Interactions.UpsertAsync(interaction, Ct);
        var t = TestModel.T0;
        var offered = TestModel.Event("offered", t);
        var ringing = TestModel.Event("ringing", t.AddSeconds(1), receivedAt: t.AddSeconds(5));
        var queued = TestModel.Event("queued", t.AddSeconds(1), receivedAt: t.AddSeconds(2));
        var answered = TestModel.Event("answered", t.AddSeconds(3));

        foreach (var e in new[] { answered, ringing, offered, queued })
        {
            (await Interactions.AppendEventAsync(interaction.Id, e, Ct)).ShouldBeTrue();
        }

        var stored = await Interactions.GetAsync(interaction.Id, Ct);
        stored!.Timeline.Select(e => e.Type).ShouldBe(["offered", "queued", "ringing", "answered"]);
    }

    [Fact]
    public async Task A_snapshot_keeps_seeing_what_it_first_saw_while_another_connection_writes()
    {
        var interaction = TestModel.Interaction();
        await Interactions.UpsertAsync(interaction, Ct);
        await Interactions.AppendEventAsync(interaction.Id, TestModel.Event("offered", TestModel.T0), Ct);

        await using var reader = await Provider.OpenAsync(Ct);
        await using var snapshot = await Provider.BeginSnapshotAsync(reader, Ct);
        var before = await Interactions.FindByCallIdAsync(interaction.CallId, reader, snapshot, Ct);

        // Written and committed elsewhere while the snapshot is open, as assembly does.
        await Interactions.AppendEventAsync(interaction.Id, TestModel.Event("answered", TestModel.T0.AddSeconds(5)), Ct);
        var during = await Interactions.FindByCallIdAsync(interaction.CallId, reader, snapshot, Ct);
        await snapshot.RollbackAsync(Ct);

        before!.Timeline.Count.ShouldBe(1);
        during!.Timeline.Count.ShouldBe(1, "a snapshot must not see a write committed after it began");
        (await Interactions.FindByCallIdAsync(interaction.CallId, Ct))!.Timeline.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Duplicate_event_id_returns_false_and_changes_nothing()
    {
        var interaction = TestModel.Interaction();
        await Interactions.UpsertAsync(interaction, Ct);
        var first = TestModel.Event("ringing", TestModel.T0) with { Data = new Dictionary<string, string> { ["channel"] = "PJSIP/100" } };
        (await Interactions.AppendEventAsync(interaction.Id, first, Ct)).ShouldBeTrue();

        var again = first with { Type = "hangup", OccurredAt = TestModel.T0.AddMinutes(-1), Data = new Dictionary<string, string>() };

        (await Interactions.AppendEventAsync(interaction.Id, again, Ct)).ShouldBeFalse();
        (await Interactions.GetAsync(interaction.Id, Ct))!.Timeline.ShouldHaveSingleItem().ShouldMatch(first);
    }

    [Fact]
    public async Task Upserting_the_header_keeps_the_timeline_and_replaces_the_agents()
    {
        var interaction = TestModel.Interaction(TestModel.NewPhone(), TestModel.NewId(), "agent-1", "agent-2") with
        {
            Direction = CallDirection.Outbound,
            CalledNumber = "+442079460958",
            Queue = "support",
            Disposition = "resolved",
            Notes = "客户要求回电",
            RecordingUrl = "https://recordings.example.com/1.wav",
        };
        await Interactions.UpsertAsync(interaction, Ct);
        var ringing = TestModel.Event("ringing", TestModel.T0);
        await Interactions.AppendEventAsync(interaction.Id, ringing, Ct);
        var ended = interaction with
        {
            State = InteractionState.Ended,
            AgentIds = ["agent-2", "agent-3"],
            AnsweredAt = TestModel.T0.AddSeconds(4),
            EndedAt = TestModel.T0.AddMinutes(3),
            CompletedAt = TestModel.T0.AddMinutes(4),
        };

        await Interactions.UpsertAsync(ended, Ct);

        (await Interactions.GetAsync(interaction.Id, Ct)).ShouldMatch(ended with { Timeline = [ringing] });
    }

    [Fact]
    public async Task Several_calls_are_read_at_once_with_their_timelines_inside_a_transaction()
    {
        var first = TestModel.Interaction(TestModel.NewPhone(), null, "agent-1");
        var second = TestModel.Interaction(TestModel.NewPhone(), null);
        await Interactions.UpsertAsync(first, Ct);
        await Interactions.UpsertAsync(second, Ct);
        var late = TestModel.Event("call.ended", TestModel.T0.AddMinutes(5));
        var early = TestModel.Event("call.offered", TestModel.T0);
        await Interactions.AppendEventAsync(first.Id, late, Ct);
        await Interactions.AppendEventAsync(first.Id, early, Ct);

        await using var connection = await Provider.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var found = await Interactions.FindByCallIdsAsync([first.CallId, second.CallId, "no-such-call"], connection, transaction, Ct);
        var renamed = found[second.CallId] with { Queue = "renamed" };
        await Interactions.UpsertAsync(renamed, connection, transaction, Ct, storedAgents: found[second.CallId].AgentIds);
        await transaction.CommitAsync(Ct);

        found.Count.ShouldBe(2);
        found[first.CallId].Timeline.Select(e => e.EventId).ShouldBe([early.EventId, late.EventId]);
        found[first.CallId].AgentIds.ShouldBe(["agent-1"]);
        found[second.CallId].Timeline.ShouldBeEmpty();
        (await Interactions.GetAsync(second.Id, Ct))!.Queue.ShouldBe("renamed");
    }

    [Fact]
    public async Task Several_interactions_are_saved_with_their_new_events_in_one_call_and_a_recorded_event_is_skipped()
    {
        var known = TestModel.Interaction(TestModel.NewPhone(), null, "agent-1");
        var offered = TestModel.Event("call.offered", TestModel.T0);
        await Interactions.UpsertAsync(known, Ct);
        await Interactions.AppendEventAsync(known.Id, offered, Ct);
        var fresh = TestModel.Interaction(TestModel.NewPhone(), null, "agent-2", "agent-3");
        var answered = TestModel.Event("call.answered", TestModel.T0.AddSeconds(9));
        var ringing = TestModel.Event("call.ringing", TestModel.T0.AddSeconds(2));
        var renamed = known with { Queue = "billing", AgentIds = ["agent-1", "agent-4"] };

        await using var connection = await Provider.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var appended = await Interactions.SaveAsync(
            [
                new InteractionWrite(renamed, known.AgentIds, [offered, answered]),
                new InteractionWrite(fresh, null, [ringing]),
            ],
            connection,
            transaction,
            Ct);
        await transaction.CommitAsync(Ct);

        appended.ShouldBe(2, "the offered event was recorded before and is skipped");
        (await Interactions.GetAsync(known.Id, Ct)).ShouldMatch(renamed with { Timeline = [offered, answered] });
        (await Interactions.GetAsync(fresh.Id, Ct)).ShouldMatch(fresh with { Timeline = [ringing] });
    }

    [Fact]
    public async Task A_save_that_fails_in_its_transaction_leaves_nothing()
    {
        var interaction = TestModel.Interaction(TestModel.NewPhone(), null);
        var invalid = TestModel.Interaction() with { Id = " " };

        await using var connection = await Provider.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await Should.ThrowAsync<ArgumentException>(() => Interactions.SaveAsync(
            [new InteractionWrite(interaction, null, [TestModel.Event("call.offered", TestModel.T0)]), new InteractionWrite(invalid, null, [])],
            connection,
            transaction,
            Ct));
        await transaction.RollbackAsync(Ct);

        (await Interactions.GetAsync(interaction.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Interactions_are_found_by_call_id_caller_customer_and_agent()
    {
        var (caller, customerId, agentId, calls) = await ThreeCallsAsync();

        await Interactions.UpsertAsync(TestModel.Interaction(TestModel.NewPhone(), TestModel.NewId(), "someone-else"), Ct);

        (await Interactions.FindByCallIdAsync(calls[1].CallId, Ct))!.Id.ShouldBe(calls[1].Id);
        (await Interactions.ListByCallerAsync(caller, 10, Ct)).Select(i => i.Id).ShouldBe([calls[2].Id, calls[1].Id, calls[0].Id]);
        (await Interactions.ListByCustomerAsync(customerId, 2, Ct)).Select(i => i.Id).ShouldBe([calls[2].Id, calls[1].Id]);
        var window = await Interactions.ListByAgentAsync(agentId, TestModel.T0.AddHours(1), TestModel.T0.AddHours(2), 10, Ct);
        window.ShouldHaveSingleItem().Id.ShouldBe(calls[1].Id);
        window[0].AgentIds.ShouldBe([agentId]);
        window[0].Timeline.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lists_bring_each_interactions_timeline_when_asked()
    {
        var (caller, customerId, agentId, calls) = await ThreeCallsAsync();

        // Two events for the latest call (stored out of order), one for the oldest, none for the middle one.
        var answered = TestModel.Event("call.answered", TestModel.T0.AddHours(2).AddSeconds(20));
        var offered = TestModel.Event("call.offered", TestModel.T0.AddHours(2));
        var ended = TestModel.Event("call.ended", TestModel.T0.AddMinutes(5));
        await Interactions.AppendEventAsync(calls[2].Id, answered, Ct);
        await Interactions.AppendEventAsync(calls[2].Id, offered, Ct);
        await Interactions.AppendEventAsync(calls[0].Id, ended, Ct);

        foreach (var list in new[]
        {
            await Interactions.ListByCallerAsync(caller, 10, timelines: true, Ct),
            await Interactions.ListByCustomerAsync(customerId, 10, timelines: true, Ct),
            await Interactions.ListByAgentAsync(agentId, TestModel.T0, TestModel.T0.AddHours(3), 10, timelines: true, Ct),
        })
        {
            list.Select(i => i.Id).ShouldBe([calls[2].Id, calls[1].Id, calls[0].Id]);
            list[0].Timeline.Select(e => e.EventId).ShouldBe([offered.EventId, answered.EventId]);
            list[1].Timeline.ShouldBeEmpty();
            list[2].Timeline.Select(e => e.EventId).ShouldBe([ended.EventId]);
            list[0].AgentIds.ShouldBe([agentId]);
        }

        (await Interactions.ListByCallerAsync(caller, 10, Ct))[0].Timeline.ShouldBeEmpty();
    }

    [Fact]
    public async Task Timestamps_round_trip_at_millisecond_precision()
    {
        // 12:34:56.789 and 0.4321 ms more, in UTC+08:00: the stores keep the instant to the millisecond.
        var precise = new DateTimeOffset(2026, 3, 1, 12, 34, 56, 789, TimeSpan.FromHours(8)).AddTicks(4321);
        var millisecond = new DateTimeOffset(2026, 3, 1, 4, 34, 56, 789, TimeSpan.Zero);
        var interaction = TestModel.Interaction() with { StartedAt = precise, EndedAt = precise.AddMilliseconds(1) };
        await Interactions.UpsertAsync(interaction, Ct);
        await Interactions.AppendEventAsync(interaction.Id, TestModel.Event("ended", precise, receivedAt: precise), Ct);

        var stored = await Interactions.GetAsync(interaction.Id, Ct);

        stored!.StartedAt.ShouldBe(millisecond);
        stored.StartedAt.UtcTicks.ShouldBe(millisecond.UtcTicks);
        stored.EndedAt!.Value.UtcTicks.ShouldBe(millisecond.AddMilliseconds(1).UtcTicks);
        stored.AnsweredAt.ShouldBeNull();
        stored.Timeline[0].OccurredAt.UtcTicks.ShouldBe(millisecond.UtcTicks);
        stored.Timeline[0].ReceivedAt.UtcTicks.ShouldBe(millisecond.UtcTicks);
    }

    [Fact]
    public async Task Event_data_round_trips_with_unicode_and_markup()
    {
        var interaction = TestModel.Interaction();
        await Interactions.UpsertAsync(interaction, Ct);
        var data = new Dictionary<string, string>
        {
            ["callerName"] = "张伟",
            ["note"] = "<b>\"quoted\"</b> & 'single' \\ back",
            ["empty"] = "",
        };
        var e = TestModel.Event("note", TestModel.T0) with { Data = data, AgentId = "agent-1" };
        await Interactions.AppendEventAsync(interaction.Id, e, Ct);

        var stored = (await Interactions.GetAsync(interaction.Id, Ct))!.Timeline.ShouldHaveSingleItem();

        stored.AgentId.ShouldBe("agent-1");
        stored.Source.ShouldBe("pbx");
        stored.Data.Count.ShouldBe(3);
        foreach (var (key, value) in data)
        {
            stored.Data[key].ShouldBe(value);
        }
    }
    /// <summary>Three stored calls from one caller, of one customer, taken by one agent, an hour apart from T0.</summary>
    private async Task<(string Caller, string CustomerId, string AgentId, List<Interaction> Calls)> ThreeCallsAsync()
    {
        var caller = TestModel.NewPhone();
        var customerId = TestModel.NewId();
        var agentId = "agent-" + TestModel.NewId();
        var calls = Enumerable.Range(0, 3)
            .Select(i => TestModel.Interaction(caller, customerId, agentId) with { StartedAt = TestModel.T0.AddHours(i) })
            .ToList();
        foreach (var call in calls)
        {
            await Interactions.UpsertAsync(call, Ct);
        }

        return (caller, customerId, agentId, calls);
    }
}
