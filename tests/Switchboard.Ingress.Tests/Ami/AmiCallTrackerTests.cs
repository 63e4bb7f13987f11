using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Core.Phones;
using Switchboard.Ingress.Ami;
using Switchboard.Testing.Ami;

namespace Switchboard.Ingress.Tests.Ami;

public sealed class AmiCallTrackerTests
{
    private static readonly DateTimeOffset Received = DateTimeOffset.FromUnixTimeSeconds(1795558500);

    [Fact]
    public void An_answered_queue_call_is_offered_queued_rung_answered_and_completed_under_its_linkedid()
    {
        var events = Run("answered-call.ami");
        var call = events.Where(e => e.CallId is not null).ToList();

        call.Select(e => e.Type).ShouldBe([
            EventTypes.CallOffered, EventTypes.CallQueued, EventTypes.CallRinging, EventTypes.CallAnswered, EventTypes.CallEnded]);
        call.ShouldAllBe(e => e.CallId == "cust-0001" && e.From == "+8613800138000" && e.Queue == "support"
            && e.Direction == "inbound" && e.Source == "ami:asterisk");
        call[0].OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795558332).AddTicks(9_546_940));
        call[0].Attributes["callerName"].ShouldBe("Customer");
        call[2].AgentId.ShouldBe("Agent 100");
        call[3].AgentId.ShouldBe("Agent 100");
        call[3].Attributes["queueWaitSeconds"].ShouldBe("0");
        call[4].Reason.ShouldBe("completed");
        call[4].AgentId.ShouldBe("Agent 100");
        call[4].Attributes["talkSeconds"].ShouldBe("4");
        call[4].Attributes["endedBy"].ShouldBe("agent");
        call[4].EventId.ShouldBe("ami:asterisk:cust-0001:AgentComplete:1795558332.22:1795558336.459747:call.ended");
    }

    [Fact]
    public void The_member_status_makes_the_agent_busy_during_the_call_and_ready_after_it()
    {
        var agent = Run("answered-call.ami").Where(e => e.CallId is null).ToList();

        agent.Select(e => (e.Type, e.AgentId, e.Queue)).ShouldBe([
            (EventTypes.AgentBusy, "Agent 100", "support"), (EventTypes.AgentReady, "Agent 100", "support")]);
    }

    [Fact]
    public void The_agent_id_can_be_the_interface()
    {
        var events = Run("answered-call.ami", AmiAgentIdSource.Interface);

        events.Single(e => e.Type == EventTypes.CallAnswered).AgentId.ShouldBe("Local/100@agents");
    }

    [Fact]
    public void A_caller_who_hangs_up_in_the_queue_abandons_once_with_the_hold_time_and_queue_music_is_no_hold()
    {
        var events = Run("abandoned-call.ami");

        events.Select(e => e.Type).ShouldBe([EventTypes.CallOffered, EventTypes.CallQueued, EventTypes.CallEnded]);
        var ended = events[^1];
        ended.CallId.ShouldBe("cust-0002");
        ended.Reason.ShouldBe("abandoned");
        ended.From.ShouldBe("+8613900139000");
        ended.Attributes["queueWaitSeconds"].ShouldBe("3");
        ended.Attributes["callerHungUp"].ShouldBe("true");
    }

    [Fact]
    public void An_agent_complete_without_channel_fields_ends_the_call_its_member_connected()
    {
        var events = Run("agentcomplete-without-channel.ami");

        var first = events.Single(e => e.CallId == "load-0001" && e.Type == EventTypes.CallEnded);
        first.Reason.ShouldBe("completed");
        first.AgentId.ShouldBe("Load 367");
        first.Attributes["talkSeconds"].ShouldBe("1");
        first.EventId.ShouldBe("ami:asterisk:load-0001:AgentComplete:Local/367@loadagents:1795558472.634626:call.ended");
        events.Single(e => e.CallId == "load-0002" && e.Type == EventTypes.CallEnded).AgentId.ShouldBe("Load 368");
        events.Count(e => e.Type == EventTypes.CallEnded).ShouldBe(2);
    }

    [Fact]
    public void A_hold_is_reported_once_however_many_events_say_so()
    {
        var events = Run("hold-call.ami");

        events.Select(e => e.Type).ShouldBe([
            EventTypes.CallOffered, EventTypes.CallQueued, EventTypes.CallRinging, EventTypes.CallAnswered,
            EventTypes.CallHeld, EventTypes.CallResumed, EventTypes.CallEnded]);
        events[4].AgentId.ShouldBe("Agent 100");
        events[4].OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795558365));
        events[5].OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795558370));
        events[3].Attributes["queueWaitSeconds"].ShouldBe("1");
    }

    [Fact]
    public void A_blind_transfer_moves_the_call_to_the_next_queue_and_agent_without_ending_it()
    {
        var events = Run("transfer.ami");

        events.Select(e => (e.Type, e.AgentId, e.Queue)).ShouldBe([
            (EventTypes.CallOffered, null, "support"),
            (EventTypes.CallQueued, null, "support"),
            (EventTypes.CallRinging, "Agent 100", "support"),
            (EventTypes.CallAnswered, "Agent 100", "support"),
            (EventTypes.CallTransferred, "Agent 100", "support"),
            (EventTypes.CallQueued, null, "sales"),
            (EventTypes.CallRinging, "Agent 200", "sales"),
            (EventTypes.CallAnswered, "Agent 200", "sales"),
            (EventTypes.CallEnded, "Agent 200", "sales"),
        ]);
        events[4].TransferTo.ShouldBe("200");
        events[4].Attributes["transferKind"].ShouldBe("blind");
        events.ShouldAllBe(e => e.CallId == "cust-0006");
    }

    [Fact]
    public void Pause_with_a_reason_unpause_login_and_logout_are_agent_events()
    {
        var events = Run("agent-pause.ami");

        events.Select(e => (e.Type, e.AgentId, e.Reason)).ShouldBe([
            (EventTypes.AgentNotReady, "Agent 100", "lunch"),
            (EventTypes.AgentReady, "Agent 100", null),
            (EventTypes.AgentLoggedIn, "Agent 102", null),
            (EventTypes.AgentReady, "Agent 102", null),
            (EventTypes.AgentLoggedOut, "Agent 102", null),
        ]);
        events.ShouldAllBe(e => e.CallId == null && e.Queue == "support");
    }

    [Fact]
    public void A_pause_in_several_queues_is_one_not_ready()
    {
        var tracker = new AmiCallTracker("asterisk");
        var pause = AmiScript.Load("agent-pause.ami").Events.First();
        var inSales = AmiMessage.Parse(pause.ToWireText().Replace("Queue: support", "Queue: sales", StringComparison.Ordinal));

        var events = tracker.Process(pause, Received).Concat(tracker.Process(inSales, Received)).ToList();

        events.ShouldHaveSingleItem().Type.ShouldBe(EventTypes.AgentNotReady);
    }

    [Fact]
    public void The_caller_hangup_ends_a_call_whose_agent_complete_never_came()
    {
        var tracker = new AmiCallTracker("asterisk");
        var events = AmiScript.Load("answered-call.ami").Events
            .Where(m => !m.Is("AgentComplete"))
            .SelectMany(m => tracker.Process(m, Received))
            .Where(e => e.Type == EventTypes.CallEnded)
            .ToList();

        var ended = events.ShouldHaveSingleItem();
        ended.Reason.ShouldBe("completed");
        ended.Attributes["hangupCause"].ShouldBe("16");
        ended.Attributes["hangupCauseText"].ShouldBe("Normal Clearing");
        ended.EventId.ShouldStartWith("ami:asterisk:cust-0001:Hangup:cust-0001-2:");
        tracker.OpenCalls.ShouldBe(0);
    }

    [Fact]
    public void Event_ids_depend_only_on_the_ami_data_and_a_replay_adds_nothing_new()
    {
        var first = Run("transfer.ami");
        var again = Run("transfer.ami");
        var tracker = new AmiCallTracker("asterisk");
        var script = AmiScript.Load("transfer.ami").Events.ToList();
        var once = script.SelectMany(m => tracker.Process(m, Received)).Select(e => e.EventId).ToList();
        var replayed = script.SelectMany(m => tracker.Process(m, Received.AddMinutes(1))).Select(e => e.EventId).ToList();

        again.Select(e => e.EventId).ShouldBe(first.Select(e => e.EventId));
        first.Select(e => e.EventId).ShouldBeUnique();
        replayed.ShouldAllBe(id => once.Contains(id));
    }

    [Fact]
    public void Without_a_timestamp_the_receive_time_is_used_and_the_id_still_repeats()
    {
        var join = AmiScript.Load("answered-call.ami").Events.First(m => m.Is("QueueCallerJoin"));
        var bare = new AmiMessage(join.Fields.Where(f => f.Key != "Timestamp"));

        var offered = new AmiCallTracker("asterisk").Process(bare, Received)[0];
        var again = new AmiCallTracker("asterisk").Process(bare, Received.AddHours(1))[0];

        offered.OccurredAt.ShouldBe(Received);
        again.EventId.ShouldBe(offered.EventId);
    }

    [Theory]
    [InlineData("answered-call.ami")]
    [InlineData("abandoned-call.ami")]
    [InlineData("agentcomplete-without-channel.ami")]
    [InlineData("hold-call.ami")]
    [InlineData("transfer.ami")]
    [InlineData("agent-pause.ami")]
    public void Every_event_made_from_the_sessions_passes_the_validator(string script)
    {
        var validator = new ContactCenterEventValidator(new PhoneNormalizer("US"), new FixedClock(Received));

        foreach (var e in Run(script))
        {
            validator.Validate(e).ShouldBeEmpty(e.EventId);
        }
    }

    private static List<ContactCenterEvent> Run(string script, AmiAgentIdSource agentIdFrom = AmiAgentIdSource.MemberName)
    {
        var tracker = new AmiCallTracker("asterisk", agentIdFrom);
        return [.. AmiScript.Load(script).Events.SelectMany(message => tracker.Process(message, Received))];
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
