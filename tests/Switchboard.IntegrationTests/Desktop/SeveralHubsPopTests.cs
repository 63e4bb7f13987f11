using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>Two hub processes on one PostgreSQL database and one Redis server, behind a load balancer that sent the call's event to one and the agent's desktop to the other.</summary>
public sealed class SeveralHubsPopTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_call_posted_to_one_hub_pops_on_the_desktop_connected_to_another()
    {
        using var systems = new PopSystems();
        var redis = $"\nredis:\n  connectionString: ${{env:{TestHub.RedisVariable}}}\n  channelPrefix: test-{Guid.NewGuid():N}\n";
        void Configure(TempDirectory d)
        {
            d.Write("switchboard.yaml", d.Read("switchboard.yaml") + redis);
            d.Write("systems/crm.yaml", systems.SystemYaml);
            d.Write("flows/screen-pop.yaml", PopSystems.PatientFlowYaml);
        }

        await using var hubA = await TestHub.StartAsync(TestStorage.PostgreSql, Configure);
        await using var hubB = await TestHub.StartAsync(TestStorage.PostgreSql, Configure, onDatabaseOf: hubA);
        await hubA.App.Services.GetRequiredService<AccountService>().CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        await using var ada = await AgentDesk.ConnectAsync(hubB, "ada", Password);
        var system = hubA.Client(await hubA.IssueKeyAsync(Roles.System));
        var callId = $"call-{Guid.NewGuid():N}";

        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from = "(415) 555-0134",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var pop = await ada.CompletePopAsync(callId);
        pop.GetProperty("customer").GetProperty("orders").GetArrayLength().ShouldBe(1);
        pop.GetProperty("customer").GetProperty("tickets").GetArrayLength().ShouldBe(1);
    }
}
