using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;
using Switchboard.Testing.Ami;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>
/// Click-to-dial the whole way: the agent's desktop asks the hub, the hub sends Originate to Asterisk (a scripted AMI
/// peer on a real socket), Asterisk plays the originated call, and the outbound call pops on that agent's desktop.
/// </summary>
public sealed class ClickToDialTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    // The member status teaches the hub agent-7's interface; Originate rings it, then the customer answers.
    private const string Asterisk = """
        @login

        Event: QueueMemberStatus
        Privilege: agent,all
        Queue: sales
        MemberName: agent-7
        Interface: PJSIP/7001
        StateInterface: PJSIP/7001
        Membership: dynamic
        Penalty: 0
        CallsTaken: 0
        InCall: 0
        Status: 1
        Paused: 0

        @on Originate
        Event: Newchannel
        Privilege: call,all
        Channel: PJSIP/7001-00000031
        ChannelState: 0
        ChannelStateDesc: Down
        CallerIDNum: ${Exten}
        CallerIDName: <unknown>
        Exten: ${Exten}
        Context: ${Context}
        Uniqueid: ${ChannelId}
        Linkedid: ${ChannelId}

        Event: DialEnd
        Privilege: call,all
        Channel: PJSIP/7001-00000031
        DestChannel: PJSIP/trunk-00000032
        DestUniqueid: 1795558501.32
        Uniqueid: ${ChannelId}
        Linkedid: ${ChannelId}
        DialStatus: ANSWER
        @end
        """;

    private readonly PopSystems _systems = new();
    private readonly ScriptedAmiPeer _peer = new(AmiScript.Parse(Asterisk));
    private readonly string _secretVariable = $"SWITCHBOARD_TEST_AMI_{Guid.NewGuid():N}";
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_secretVariable, _peer.Secret);
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", _systems.SystemYaml);
            d.Write("flows/screen-pop.yaml", PopSystems.PatientFlowYaml);
            d.Write("systems/asterisk.yaml", $$"""
                name: asterisk
                kind: contactCenter
                protocol: ami
                mode: on
                address: {{_peer.Address}}
                auth: { type: basic, username: {{_peer.Username}}, password: "${env:{{_secretVariable}}}" }
                ami: { originateContext: hub-dial }
                """);
        });
        var accounts = _hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        await accounts.CreateAsync("bob", "Bob Agent", "agent-8", Roles.Agent, Password, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _peer.DisposeAsync();
        _systems.Dispose();
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }

    [Fact]
    public async Task Click_to_dial_sends_the_exact_originate_and_the_outbound_call_pops_on_the_agents_desktop()
    {
        await using var ada = await AgentDesk.ConnectAsync(_hub, "ada", Password);
        await using var bob = await AgentDesk.ConnectAsync(_hub, "bob", Password);
        var records = _hub.Client(await _hub.IssueKeyAsync(Roles.Admin));
        await WaitForAgentAsync(records, "agent-7");

        var response = await ada.Http.PostAsJsonAsync("/desktop/api/calls", new { number = "(415) 555-0134" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var placed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var callId = placed.GetProperty("callId").GetString()!;
        placed.GetProperty("system").GetString().ShouldBe("asterisk");
        placed.GetProperty("number").GetString().ShouldBe("+14155550134");
        var originate = await _peer.WaitForActionAsync("Originate");
        originate.Fields.Where(f => f.Key != "ActionID").Select(f => $"{f.Key}: {f.Value}").ShouldBe([
            "Action: Originate", "Channel: PJSIP/7001", "Context: hub-dial", "Exten: +14155550134", "Priority: 1",
            "CallerID: +14155550134", $"ChannelId: {callId}", "Variable: HUB_AGENT_ID=agent-7", "Async: true",
        ]);
        callId.ShouldStartWith("sb-");

        var pop = await ada.CompletePopAsync(callId);
        pop.GetProperty("direction").GetString().ShouldBe("outbound");
        pop.GetProperty("agentId").GetString().ShouldBe("agent-7");
        pop.GetProperty("callerNumber").GetString().ShouldBe("+14155550134");
        pop.GetProperty("match").GetString().ShouldBe("Single");
        pop.GetProperty("customer").GetProperty("displayName").GetString().ShouldBe("Ada Lovelace");
        pop.GetProperty("customer").GetProperty("orders").GetArrayLength().ShouldBe(1);
        var interaction = await records.WaitForInteractionAsync(callId, i => i.GetProperty("state").GetString() == "connected");
        interaction.GetProperty("direction").GetString().ShouldBe("outbound");
        interaction.GetProperty("agentIds").EnumerateArray().Select(a => a.GetString()).ShouldBe(["agent-7"]);
        bob.Received.ShouldBe(0);
    }

    private static async Task WaitForAgentAsync(HttpClient records, string agentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await records.GetAsync($"/api/v1/agents/{agentId}")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the hub did not learn of {agentId} from Asterisk's member status");
            }

            await Task.Delay(50);
        }
    }
}
