using Switchboard.Configuration;
using Switchboard.Ingress.Ami;

namespace Switchboard.Ingress.Tests.Ami;

public sealed class AmiActionTests
{
    [Fact]
    public async Task Click_to_dial_originates_from_the_agents_interface_with_the_call_id_as_channel_id()
    {
        await using var hub = await AmiServiceHarness.StartAsync("actions.ami");
        await hub.WaitUntilAsync(() => hub.Service.Tracker.FindInterface("Agent 100") is not null, "Agent 100 is known");

        var placed = await hub.Service.PlaceCallAsync("Agent 100", "+1 (415) 555-0123", CancellationToken.None);

        var originate = await hub.Peer.WaitForActionAsync("Originate");
        originate.Fields.Select(f => f.Key).ShouldBe([
            "Action", "ActionID", "Channel", "Context", "Exten", "Priority", "CallerID", "ChannelId", "Variable", "Async"]);
        originate["Channel"].ShouldBe("Local/100@agents");
        originate["Context"].ShouldBe("from-internal");
        originate["Exten"].ShouldBe("+14155550123");
        originate["Priority"].ShouldBe("1");
        originate["ChannelId"].ShouldBe(placed.CallId);
        originate["Variable"].ShouldBe("HUB_AGENT_ID=Agent 100");
        originate["Async"].ShouldBe("true");
        placed.System.ShouldBe("asterisk");
        placed.CallId.ShouldStartWith("sb-");
    }

    [Fact]
    public async Task A_refused_queue_pause_surfaces_asterisks_message()
    {
        await using var hub = await AmiServiceHarness.StartAsync("actions.ami");
        await hub.WaitUntilAsync(() => hub.Service.Tracker.FindInterface("Agent 100") is not null, "Agent 100 is known");

        var refused = await Should.ThrowAsync<ContactCenterActionException>(
            () => hub.Service.SetAgentPausedAsync("Agent 100", paused: true, "lunch", "support", CancellationToken.None));

        refused.Message.ShouldBe("Asterisk 'asterisk' refused QueuePause: Interface not found");
        refused.InnerException.ShouldBeOfType<AmiActionException>().AsteriskMessage.ShouldBe("Interface not found");
        var pause = await hub.Peer.WaitForActionAsync("QueuePause");
        pause.Fields.Select(f => $"{f.Key}: {f.Value}").Where(line => !line.StartsWith("ActionID", StringComparison.Ordinal)).ShouldBe([
            "Action: QueuePause", "Interface: Local/100@agents", "Paused: true", "Queue: support", "Reason: lunch"]);
    }

    [Fact]
    public async Task An_unknown_agent_or_a_number_that_cannot_be_dialled_is_refused_before_anything_is_sent()
    {
        await using var hub = await AmiServiceHarness.StartAsync("actions.ami");
        await hub.WaitUntilAsync(() => hub.Service.IsConnected, "connected");

        (await Should.ThrowAsync<ContactCenterActionException>(() => hub.Service.PlaceCallAsync("Agent 999", "100", CancellationToken.None)))
            .Message.ShouldBe("Agent 'Agent 999' is not known on Asterisk 'asterisk' yet: no queue event has named it.");
        (await Should.ThrowAsync<ContactCenterActionException>(() => hub.Service.PlaceCallAsync("Agent 100", "100&Local/evil", CancellationToken.None)))
            .Message.ShouldContain("is not a number Asterisk can dial");
        hub.Peer.Actions.ShouldNotContain(action => action["Action"] == "Originate");
    }

    [Fact]
    public async Task Actions_fail_clearly_while_not_connected()
    {
        await using var hub = await AmiServiceHarness.StartAsync("actions.ami", password: "wrong");

        var refused = await Should.ThrowAsync<ContactCenterActionException>(
            () => hub.Service.SetAgentPausedAsync("Agent 100", paused: false, null, null, CancellationToken.None));

        refused.Message.ShouldStartWith("Asterisk 'asterisk' is not connected");
    }

    [Fact]
    public void Originate_and_queue_pause_carry_the_documented_fields()
    {
        var originate = AmiActions.Originate(new AmiOriginate
        {
            Channel = "PJSIP/100",
            Application = "Playback",
            Data = "hello-world",
            CallerId = "\"Hub\" <1000>",
            ChannelId = "cust-0001",
            Timeout = TimeSpan.FromSeconds(30),
            Variables = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" },
            Async = false,
        });
        var pause = AmiActions.QueuePause("PJSIP/100", paused: false);

        originate.Fields.Select(f => $"{f.Key}: {f.Value}").ShouldBe([
            "Channel: PJSIP/100", "Application: Playback", "Data: hello-world", "CallerID: \"Hub\" <1000>", "ChannelId: cust-0001",
            "Timeout: 30000", "Variable: A=1", "Variable: B=2", "Async: false"]);
        pause.Fields.Select(f => $"{f.Key}: {f.Value}").ShouldBe(["Interface: PJSIP/100", "Paused: false"]);
    }

    [Fact]
    public void A_value_with_a_line_break_cannot_smuggle_in_another_action()
    {
        Should.Throw<ArgumentException>(() => AmiActions.QueuePause("PJSIP/100", true, reason: "lunch\r\n\r\nAction: Originate"));
        Should.Throw<ArgumentException>(() => new AmiAction("QueuePause").Add("ActionID", "mine"));
        Should.Throw<ArgumentException>(() => AmiActions.Originate(new AmiOriginate { Channel = "PJSIP/100", Exten = "100" }));
    }
}
