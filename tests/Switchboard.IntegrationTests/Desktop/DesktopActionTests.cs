using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>What an agent does from the desktop becomes contact-center events: agent states and completed interactions.</summary>
public sealed class DesktopActionTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private const string DesktopSection = """

        desktop:
          dispositions:
            - { code: resolved, en: Resolved, zh: 已解决 }
            - { code: refund, en: Refund issued, zh: 已退款 }
        """;

    private TestHub _hub = null!;
    private HttpClient _records = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
            d.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "SWITCHBOARD_TEST_UNUSED") + DesktopSection));
        var accounts = _hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        _records = _hub.Client(await _hub.IssueKeyAsync(Roles.Admin));
    }

    public Task DisposeAsync() => _hub.DisposeAsync().AsTask();

    [Fact]
    public async Task Setting_the_state_ingests_the_agent_event_and_the_agent_state_follows()
    {
        using var desk = await SignInAsync();

        var notReady = await desk.PostAsJsonAsync("/desktop/api/state", new { state = "notReady", reason = "lunch" });
        notReady.StatusCode.ShouldBe(HttpStatusCode.Accepted, await notReady.Content.ReadAsStringAsync());
        (await notReady.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("agent.not_ready");
        var agent = await WaitForAgentAsync("agent-7", a => a.GetProperty("state").GetString() == "notReady");
        agent.GetProperty("stateReason").GetString().ShouldBe("lunch");
        (await desk.GetFromJsonAsync<JsonElement>("/desktop/api/state")).GetProperty("state").GetString().ShouldBe("notReady");

        (await desk.PostAsJsonAsync("/desktop/api/state", new { state = "ready", reason = "ignored when ready" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        agent = await WaitForAgentAsync("agent-7", a => a.GetProperty("state").GetString() == "ready");
        agent.TryGetProperty("stateReason", out _).ShouldBeFalse();
        (await desk.GetFromJsonAsync<JsonElement>("/desktop/api/state")).GetProperty("state").GetString().ShouldBe("ready");
    }

    [Fact]
    public async Task An_unknown_state_is_refused_naming_the_states()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/state", new { state = "asleep" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("state")[0].GetString()
            .ShouldBe("'asleep' is not one of ready, notReady");
    }

    [Fact]
    public async Task The_dispositions_are_the_configured_list_with_both_labels()
    {
        using var desk = await SignInAsync();

        var list = await desk.GetFromJsonAsync<JsonElement>("/desktop/api/dispositions");

        list.GetArrayLength().ShouldBe(2);
        list[1].GetProperty("code").GetString().ShouldBe("refund");
        list[1].GetProperty("en").GetString().ShouldBe("Refund issued");
        list[1].GetProperty("zh").GetString().ShouldBe("已退款");
    }

    [Fact]
    public async Task Wrap_up_completes_the_interaction_with_the_disposition_and_notes()
    {
        using var desk = await SignInAsync();
        var callId = await RingAsync();

        var response = await desk.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "refund", notes = "Refunded the router, 12.50 USD" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var interaction = await _records.WaitForInteractionAsync(callId, i => i.GetProperty("state").GetString() == "completed");
        interaction.GetProperty("disposition").GetString().ShouldBe("refund");
        interaction.GetProperty("notes").GetString().ShouldBe("Refunded the router, 12.50 USD");
        var wrapUp = interaction.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "call.wrapup_completed");
        wrapUp.GetProperty("agentId").GetString().ShouldBe("agent-7");
        wrapUp.GetProperty("source").GetString().ShouldBe("desktop");
    }

    [Fact]
    public async Task Wrap_up_with_an_unknown_disposition_is_refused_naming_the_allowed_codes_and_changes_nothing()
    {
        using var desk = await SignInAsync();
        var callId = await RingAsync();

        var refused = await desk.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "sale", notes = "not stored" });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("disposition")[0].GetString().ShouldBe("'sale' is not one of resolved, refund");
        problem.GetProperty("detail").GetString()!.ShouldContain("resolved, refund");

        // A valid wrap-up afterwards: the call's timeline holds the ringing and that wrap-up only.
        (await desk.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var interaction = await _records.WaitForInteractionAsync(callId, i => i.GetProperty("state").GetString() == "completed");
        interaction.GetProperty("timeline").GetArrayLength().ShouldBe(2);
        interaction.GetProperty("disposition").GetString().ShouldBe("resolved");
        interaction.TryGetProperty("notes", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Wrap_up_without_a_session_is_unauthorized()
    {
        using var anonymous = _hub.Client();
        using var withApiKey = _hub.Client(await _hub.IssueKeyAsync(Roles.Admin));

        var response = await anonymous.PostAsJsonAsync("/desktop/api/calls/call-1/wrap-up", new { disposition = "resolved" });
        var keyOnly = await withApiKey.PostAsJsonAsync("/desktop/api/calls/call-1/wrap-up", new { disposition = "resolved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        keyOnly.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _records.GetFromJsonAsync<JsonElement>("/api/v1/interactions?callId=call-1")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_desktop_page_and_its_scripts_are_served_with_a_strict_content_security_policy()
    {
        using var anonymous = _hub.Client();

        var bare = await anonymous.GetAsync("/desktop");
        var page = await anonymous.GetAsync("/desktop/");
        var script = await anonymous.GetAsync("/desktop/signalr.min.js");
        var missing = await anonymous.GetAsync("/desktop/nothing.js");
        var module = await anonymous.GetAsync("/desktop/pop.js");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<script type=\"module\" src=\"desktop.js\"></script>");
        module.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        module.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        (await module.Content.ReadAsStringAsync()).ShouldContain("export function render()");
        (await script.Content.ReadAsStringAsync()).ShouldStartWith("/*! @microsoft/signalr 10.0.11");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        bare.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/desktop/");
    }

    [Fact]
    public async Task Wrap_up_of_a_call_offered_to_another_agent_is_forbidden_and_nothing_is_ingested()
    {
        using var desk = await SignInAsync();
        var callId = await RingAsync("agent-9");

        var refused = await desk.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "resolved", notes = "not mine" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await refused.Content.ReadAsStringAsync());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().ShouldBe(
            $"Call '{callId}' was not offered to or handled by agent 'agent-7'; only its own agent may wrap it up. Nothing was changed.");
        problem.GetProperty("callId").GetString().ShouldBe(callId);
        await Task.Delay(300);
        var interaction = await _records.WaitForInteractionAsync(callId);
        interaction.GetProperty("state").GetString().ShouldNotBe("completed");
        interaction.GetProperty("timeline").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Wrap_up_of_a_call_the_hub_never_saw_is_forbidden_and_nothing_is_ingested()
    {
        using var desk = await SignInAsync();

        var refused = await desk.PostAsJsonAsync("/desktop/api/calls/call-never-rang/wrap-up", new { disposition = "resolved" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(
            "The hub knows no call 'call-never-rang' offered to or handled by agent 'agent-7'; only its own agent may wrap it up. Nothing was changed.");
        await Task.Delay(300);
        (await _records.GetFromJsonAsync<JsonElement>("/api/v1/interactions?callId=call-never-rang")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_agent_who_answered_a_call_that_rang_for_someone_else_may_wrap_it_up()
    {
        using var desk = await SignInAsync();
        var callId = await RingAsync("agent-9");
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-answer", type = "call.answered", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _records.WaitForInteractionAsync(callId, i => i.GetProperty("agentIds").EnumerateArray().Any(a => a.GetString() == "agent-7"));

        var response = await desk.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "resolved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var interaction = await _records.WaitForInteractionAsync(callId, i => i.GetProperty("state").GetString() == "completed");
        interaction.GetProperty("disposition").GetString().ShouldBe("resolved");
    }

    private async Task<string> RingAsync(string agentId = "agent-7")
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId, from = "(415) 555-0199",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _records.WaitForInteractionAsync(callId);
        return callId;
    }

    private Task<HttpClient> SignInAsync() => AgentDesk.SignInAsync(_hub, "ada", Password);

    private async Task<JsonElement> WaitForAgentAsync(string id, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string last = "none";
        while (DateTime.UtcNow < deadline)
        {
            var response = await _records.GetAsync($"/api/v1/agents/{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var agent = await response.Content.ReadFromJsonAsync<JsonElement>();
                last = agent.ToString();
                if (ready(agent))
                {
                    return agent;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"agent {id} did not reach the expected state; last seen: {last}");
    }
}
