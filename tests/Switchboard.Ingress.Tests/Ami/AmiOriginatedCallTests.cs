using Switchboard.Core.Events;
using Switchboard.Ingress.Ami;

namespace Switchboard.Ingress.Tests.Ami;

/// <summary>Calls the hub asked Asterisk to place (click-to-dial): known from the Originate, not from a queue.</summary>
public sealed class AmiOriginatedCallTests
{
    private static readonly DateTimeOffset Received = DateTimeOffset.FromUnixTimeSeconds(1795558500);

    private const string AgentChannel = """
        Event: Newchannel
        Channel: PJSIP/7001-00000031
        ChannelState: 0
        CallerIDNum: +14155550134
        Exten: +14155550134
        Context: from-internal
        Uniqueid: sb-0001
        Linkedid: sb-0001
        """;

    private const string CustomerAnswers = """
        Event: DialEnd
        Channel: PJSIP/7001-00000031
        DestChannel: PJSIP/trunk-00000032
        DestUniqueid: 1795558501.32
        Uniqueid: sb-0001
        Linkedid: sb-0001
        DialStatus: ANSWER
        """;

    private const string AgentHangsUp = """
        Event: Hangup
        Channel: PJSIP/7001-00000031
        Uniqueid: sb-0001
        Linkedid: sb-0001
        Cause: 16
        Cause-txt: Normal Clearing
        """;

    [Fact]
    public void An_originated_call_rings_the_agent_outbound_to_the_number_then_is_answered_and_ends()
    {
        var tracker = new AmiCallTracker("asterisk");
        tracker.ExpectOriginated("sb-0001", "agent-7", "+14155550134", Received);

        var events = Feed(tracker, AgentChannel, CustomerAnswers, AgentHangsUp);

        events.Select(e => e.Type).ShouldBe([EventTypes.CallOffered, EventTypes.CallRinging, EventTypes.CallAnswered, EventTypes.CallEnded]);
        events.ShouldAllBe(e => e.CallId == "sb-0001" && e.Direction == "outbound" && e.To == "+14155550134" && e.From == null
            && e.AgentId == "agent-7" && e.Source == "ami:asterisk");
        events[^1].Reason.ShouldBe("completed");
        events.Select(e => e.EventId).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void A_channel_the_hub_did_not_originate_is_no_call_and_an_expected_one_pops_once()
    {
        var tracker = new AmiCallTracker("asterisk");

        Feed(tracker, AgentChannel).ShouldBeEmpty();
        tracker.ExpectOriginated("sb-0001", "agent-7", "+14155550134", Received);
        Feed(tracker, AgentChannel).Count.ShouldBe(2);
        Feed(tracker, AgentChannel).ShouldBeEmpty();
    }

    [Fact]
    public void An_originate_the_agent_does_not_pick_up_ends_the_call()
    {
        var tracker = new AmiCallTracker("asterisk");
        tracker.ExpectOriginated("sb-0001", "agent-7", "+14155550134", Received);

        var events = Feed(tracker, AgentChannel, """
            Event: OriginateResponse
            ActionID: 7
            Response: Failure
            Channel: PJSIP/7001
            Reason: 3
            Uniqueid: sb-0001
            """);

        events.Select(e => e.Type).ShouldBe([EventTypes.CallOffered, EventTypes.CallRinging, EventTypes.CallEnded]);
        events[^1].Reason.ShouldBe("agentNotAnswered");
        events[^1].Attributes["originateReason"].ShouldBe("3");
    }

    [Fact]
    public void A_forgotten_originate_makes_no_call()
    {
        var tracker = new AmiCallTracker("asterisk");
        tracker.ExpectOriginated("sb-0001", "agent-7", "+14155550134", Received);
        tracker.ForgetOriginated("sb-0001");

        Feed(tracker, AgentChannel).ShouldBeEmpty();
    }

    private static List<ContactCenterEvent> Feed(AmiCallTracker tracker, params string[] blocks) =>
        [.. blocks.SelectMany(block => tracker.Process(AmiMessage.Parse(block), Received))];
}
