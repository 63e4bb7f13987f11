using Switchboard.Security;
using Switchboard.Testing;
using Switchboard.Testing.Ami;

namespace Switchboard.Ingress.Tests.Ami;

/// <summary>
/// The whole way through a real hub: an Asterisk system in systems/*.yaml, the scripted AMI peer
/// dropping the connection mid-call, the reconnect replaying events, the journal de-duplicating, and
/// one interaction assembled with every event once.
/// </summary>
public sealed class AmiHubTests
{
    [Fact]
    public async Task A_call_survives_a_dropped_ami_connection_and_is_assembled_once()
    {
        await using var peer = new ScriptedAmiPeer(AmiScript.Load("dropped-mid-call.ami"));
        var variable = $"SWITCHBOARD_TEST_AMI_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, peer.Secret);
        await using var hub = await TestHub.StartAsync(configure: directory => directory.Write("systems/asterisk.yaml", $$"""
            name: asterisk
            kind: contactCenter
            protocol: ami
            mode: on
            address: {{peer.Address}}
            auth:
              type: basic
              username: {{peer.Username}}
              password: ${env:{{variable}}}
            ami:
              reconnect:
                minSeconds: 0.1
                maxSeconds: 1
            """));
        var client = hub.Client(await hub.IssueKeyAsync(Roles.Supervisor));

        var interaction = await client.WaitForInteractionAsync("cust-0007", i => i.GetProperty("state").GetString() == "ended");

        peer.Connections.ShouldBeGreaterThanOrEqualTo(2);
        interaction.GetProperty("callerNumber").GetString().ShouldBe("+8613100131000");
        interaction.GetProperty("queue").GetString().ShouldNotBeNullOrEmpty();
        var ids = interaction.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()).ToList();
        ids.ShouldBeUnique();
        interaction.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "call.answered").ShouldBe(1);
    }
}
