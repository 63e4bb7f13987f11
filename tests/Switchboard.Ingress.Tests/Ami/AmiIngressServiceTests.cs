using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Ingress.Ami;

namespace Switchboard.Ingress.Tests.Ami;

public sealed class AmiIngressServiceTests
{
    [Fact]
    public async Task An_answered_call_reaches_the_ingest_with_its_caller_queue_agent_and_durations()
    {
        await using var hub = await AmiServiceHarness.StartAsync("answered-call.ami");

        // The member's status back to "not in use" is the session's last event.
        await hub.Ingest.WaitForAsync(e => e.Type == EventTypes.AgentReady);
        var call = hub.Call("cust-0001");

        call.Select(e => e.Type).ShouldBe([
            EventTypes.CallOffered, EventTypes.CallQueued, EventTypes.CallRinging, EventTypes.CallAnswered, EventTypes.CallEnded]);
        call.ShouldAllBe(e => e.From == "+8613800138000" && e.Queue == "support" && e.Source == "ami:asterisk");
        call[3].AgentId.ShouldBe("Agent 100");
        call[4].Attributes["talkSeconds"].ShouldBe("4");
        // Timestamps come from Asterisk (moved to the present by the peer), not from the receive time.
        call[4].OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795558336 + hub.Peer.ShiftSeconds).AddTicks(4_597_470));
        var login = hub.Peer.Actions.First();
        (login["Action"], login["Username"], login["Secret"], login["Events"]).ShouldBe(("Login", "hub", "s3cret", "on"));
        hub.Probe.Accepted("ami:asterisk").ShouldBe(hub.Ingest.Accepted.Count);
    }

    [Theory]
    [InlineData("abandoned-call.ami", "cust-0002", "call.offered call.queued call.ended", "abandoned")]
    [InlineData("agentcomplete-without-channel.ami", "load-0001", "call.offered call.queued call.ringing call.answered call.ended", "completed")]
    [InlineData("hold-call.ami", "cust-0005", "call.offered call.queued call.ringing call.answered call.held call.resumed call.ended", "completed")]
    [InlineData("transfer.ami", "cust-0006", "call.offered call.queued call.ringing call.answered call.transferred call.queued call.ringing call.answered call.ended", "completed")]
    public async Task A_scripted_call_arrives_as_its_timeline(string script, string callId, string types, string endReason)
    {
        await using var hub = await AmiServiceHarness.StartAsync(script);

        await hub.Ingest.WaitForAsync(e => e.CallId == callId && e.Type == EventTypes.CallEnded);

        string.Join(' ', hub.Call(callId).Select(e => e.Type)).ShouldBe(types);
        hub.Call(callId)[^1].Reason.ShouldBe(endReason);
    }

    [Fact]
    public async Task Pause_with_reason_and_unpause_arrive_as_agent_events()
    {
        await using var hub = await AmiServiceHarness.StartAsync("agent-pause.ami");

        await hub.Ingest.WaitForAsync(e => e.Type == EventTypes.AgentLoggedOut);

        hub.Ingest.Accepted.Where(e => e.AgentId == "Agent 100").Select(e => (e.Type, e.Reason))
            .ShouldBe([(EventTypes.AgentNotReady, "lunch"), (EventTypes.AgentReady, null)]);
    }

    [Fact]
    public async Task A_connection_dropped_mid_call_is_resumed_without_ingesting_any_event_twice()
    {
        await using var hub = await AmiServiceHarness.StartAsync("dropped-mid-call.ami");

        await hub.Ingest.WaitForAsync(e => e.CallId == "cust-0007" && e.Type == EventTypes.CallEnded);

        hub.Peer.Connections.ShouldBe(2);
        hub.Service.Sessions.ShouldBe(2);
        hub.Call("cust-0007").Select(e => e.Type).ShouldBe([
            EventTypes.CallOffered, EventTypes.CallQueued, EventTypes.CallRinging, EventTypes.CallAnswered, EventTypes.CallEnded]);
        hub.Ingest.Accepted.Select(e => e.EventId).ShouldBeUnique();
        // The replayed AgentCalled and AgentConnect came back with the same ids and were dropped as duplicates.
        hub.Ingest.Duplicates.ShouldBe(2);
        hub.Probe.Duplicates("ami:asterisk").ShouldBe(2);
        hub.Logger.Entries.ShouldContain(entry => entry.EventId.Id == 4101);
    }

    [Fact]
    public async Task A_refused_login_is_logged_clearly_and_retried_with_growing_delays_without_stopping()
    {
        await using var hub = await AmiServiceHarness.StartAsync("answered-call.ami", password: "wrong-password",
            settings: new AmiSettings { ReconnectMinSeconds = 0.05, ReconnectMaxSeconds = 2, ResyncOnConnect = false });

        await hub.WaitUntilAsync(() => hub.Peer.LoginTimes.Count >= 5, "five login attempts");

        var times = hub.Peer.LoginTimes.ToArray();
        // Attempt n waits at least half of 50 ms · 2ⁿ: 200 ms before the fifth. Only lower bounds are
        // asserted: a busy machine can stretch any gap, never shorten one.
        (times[4] - times[3]).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(190));
        (times[2] - times[1]).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(45));
        hub.Service.ExecuteTask!.IsCompleted.ShouldBeFalse();
        hub.Service.IsConnected.ShouldBeFalse();
        hub.Service.LastError.ShouldBe("AMI Login failed: Authentication failed");
        var refused = hub.Logger.Entries.First(entry => entry.EventId.Id == 4103);
        refused.Level.ShouldBe(LogLevel.Error);
        refused.Message.ShouldContain("login as hub");
        refused.Message.ShouldContain("Authentication failed");
        hub.Logger.Entries.ShouldNotContain(entry => entry.Message.Contains("wrong-password", StringComparison.Ordinal));
        hub.Ingest.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Garbage_and_oversize_messages_are_skipped_and_counted_without_dropping_the_session()
    {
        await using var hub = await AmiServiceHarness.StartAsync("malformed.ami");

        await hub.Ingest.WaitForAsync(e => e.CallId == "cust-0009" && e.Type == EventTypes.CallQueued);
        await hub.WaitUntilAsync(() => hub.Probe.Rejected("ami:asterisk", "invalid") >= 2, "the invalid events are counted");

        hub.Peer.Connections.ShouldBe(1);
        hub.Service.IsConnected.ShouldBeTrue();
        hub.Probe.Rejected("ami:asterisk", "malformed").ShouldBe(1);
        hub.Probe.Rejected("ami:asterisk", "oversize").ShouldBe(2);
        // The 70-digit caller number fails validation: both events of that call (offered, queued) carry it and are refused.
        hub.Probe.Rejected("ami:asterisk", "invalid").ShouldBe(2);
        hub.Ingest.Accepted.ShouldNotContain(e => e.CallId == "cust-0010");
        hub.Logger.Entries.ShouldContain(entry => entry.EventId.Id == 4106 && entry.Message.Contains("from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resync_on_connect_reports_the_agent_states_from_queue_status()
    {
        var member = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ami", "Sessions", "queue-member.ami"));
        await using var hub = await AmiServiceHarness.StartAsync("actions.ami",
            settings: new AmiSettings { ReconnectMinSeconds = 0.05, ReconnectMaxSeconds = 0.4, ResyncOnConnect = true },
            queueMembers: [member]);

        await hub.Ingest.WaitForAsync(e => e.AgentId == "Agent 101" && e.Type == EventTypes.AgentNotReady);

        hub.Ingest.Accepted.Where(e => e.AgentId == "Agent 101").Select(e => e.Type)
            .ShouldBe([EventTypes.AgentLoggedIn, EventTypes.AgentNotReady]);
        hub.Peer.Actions.ShouldContain(action => action["Action"] == "QueueStatus");
    }
}
