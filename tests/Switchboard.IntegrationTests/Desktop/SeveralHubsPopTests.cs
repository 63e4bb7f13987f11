using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Security.DataProtection;
using Switchboard.Storage;
using Switchboard.Storage.Stores;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>Two hub processes on one PostgreSQL database and one Redis server, behind a load balancer that sent the call's event to one and the agent's desktop to the other.</summary>
public sealed class SeveralHubsPopTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_desktop_session_signed_in_on_one_hub_is_accepted_by_another_and_the_keys_are_in_the_database()
    {
        await using var hubA = await TestHub.StartAsync(TestStorage.PostgreSql);
        await using var hubB = await TestHub.StartAsync(TestStorage.PostgreSql, onDatabaseOf: hubA);
        await hubA.App.Services.GetRequiredService<AccountService>().CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        var cookies = new CookieContainer();
        using var atA = new HttpClient(AgentDesk.Handler(hubA, cookies)) { BaseAddress = hubA.Address };
        (await atA.PostAsJsonAsync("/desktop/api/sign-in", new { username = "ada", password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The same cookie (127.0.0.1, another port) at hub B.
        using var atB = new HttpClient(AgentDesk.Handler(hubB, cookies)) { BaseAddress = hubB.Address };
        var me = await atB.GetAsync("/desktop/api/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK, await me.Content.ReadAsStringAsync());
        (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("username").GetString().ShouldBe("ada");

        // The key ring is the database's: Data Protection with nothing but the table reads what hub A protected.
        var storage = hubA.App.Services.GetRequiredService<IStorageProvider>();
        await using (var connection = await storage.OpenAsync(CancellationToken.None))
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys")).ShouldBeGreaterThanOrEqualTo(1);
        }

        var secret = hubA.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
        await using var bare = new ServiceCollection()
            .AddSingleton(storage)
            .AddHubDataProtection()
            .BuildServiceProvider();
        bare.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret).ShouldBe("hello");
    }

    [Fact]
    public async Task A_call_posted_to_one_hub_pops_on_the_desktop_connected_to_another_which_reads_picks_and_wraps_it_up()
    {
        using var systems = new PopSystems();
        var redis = TestHub.RedisYaml(channelPrefix: $"test-{Guid.NewGuid():N}");
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

        // The call rings through hub A, which runs the pop (two people share the number), holds it, and pushes it
        // through Redis to Ada's desktop on hub B.
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from = PopSystems.SharedNumber,
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ada.CompletePopAsync(callId)).GetProperty("match").GetString().ShouldBe("Multiple");
        var interactions = hubA.App.Services.GetRequiredService<InteractionStore>();
        await EventuallyAsync(async () => await interactions.FindByCallIdAsync(callId, CancellationToken.None) is not null);

        // Ada's desktop asks hub B, which did not run it: B runs the pop itself and answers it, the CRM's answer coming
        // from the screen-pop cache the hubs share in Redis.
        var lookups = systems.Crm.LogEntries.Count(e => e.RequestMessage?.Path == "/api/contacts");
        var latest = await ada.InvokeAsync<JsonElement>("Latest", callId);
        latest.GetProperty("callId").GetString().ShouldBe(callId);
        latest.GetProperty("match").GetString().ShouldBe("Multiple");
        systems.Crm.LogEntries.Count(e => e.RequestMessage?.Path == "/api/contacts").ShouldBe(lookups, "hub B asked the CRM again instead of reading hub A's answer in Redis");

        // She picks Alan on hub B; the pick opens his orders.
        await ada.InvokeAsync<object>("Pick", callId, "crm:C-3");
        var picked = await ada.CompletePopAsync(callId);
        picked.GetProperty("match").GetString().ShouldBe("Single");
        picked.GetProperty("customer").GetProperty("orders").GetArrayLength().ShouldBe(1);

        // The wrap-up reaches hub A (no sticky sessions for the desktop's REST calls), which never saw the pick:
        // it runs the pop again, the number's remembered pick opens it on Alan, and the interaction is his.
        var cookies = new CookieContainer();
        using var atA = new HttpClient(AgentDesk.Handler(hubA, cookies)) { BaseAddress = hubA.Address };
        (await atA.PostAsJsonAsync("/desktop/api/sign-in", new { username = "ada", password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var wrapUp = await atA.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "resolved", notes = "asked about SO-3" });
        wrapUp.StatusCode.ShouldBe(HttpStatusCode.Accepted, await wrapUp.Content.ReadAsStringAsync());
        await EventuallyAsync(async () => (await interactions.FindByCallIdAsync(callId, CancellationToken.None))?.Disposition == "resolved");
        var stored = (await interactions.FindByCallIdAsync(callId, CancellationToken.None)).ShouldNotBeNull();
        stored.Timeline.Last(e => e.Type == "call.wrapup_completed").Data.ShouldContainKeyAndValue("attributes.customer.crm", "C-3");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
