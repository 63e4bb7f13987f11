using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>Agents sign in with their local accounts and receive, over SignalR, the pops of the calls offered to them and no others.</summary>
public sealed class AgentPopPushTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly PopSystems _systems = new();
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", _systems.SystemYaml);
            d.Write("flows/screen-pop.yaml", PopSystems.PatientFlowYaml);
        });
        var accounts = _hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        await accounts.CreateAsync("bob", "Bob Agent", "agent-8", Roles.Agent, Password, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _systems.Dispose();
    }

    [Fact]
    public async Task A_ringing_call_pops_on_the_desktop_of_the_agent_it_is_offered_to_only()
    {
        await using var ada = await ConnectAsync("ada");
        await using var bob = await ConnectAsync("bob");
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        var callId = $"call-{Guid.NewGuid():N}";

        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from = "(415) 555-0134",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var first = await ada.NextAsync();
        first.GetProperty("callId").GetString().ShouldBe(callId);
        var last = first;
        while (!last.GetProperty("complete").GetBoolean())
        {
            last = await ada.NextAsync();
        }

        last.GetProperty("customer").GetProperty("orders").GetArrayLength().ShouldBe(1);
        bob.Received.ShouldBe(0);

        // Ada may read her call's pop again; Bob may neither read it nor pick for it.
        (await ada.InvokeAsync<JsonElement>("Latest", callId)).GetProperty("callId").GetString().ShouldBe(callId);
        var read = await Should.ThrowAsync<HubException>(() => bob.InvokeAsync<JsonElement>("Latest", callId));
        read.Message.ShouldContain($"'{callId}'");
        read.Message.ShouldContain("offered to or handled by agent 'agent-8'; only its own agent may see its pop");
        var pick = await Should.ThrowAsync<HubException>(() => bob.InvokeAsync<object>("Pick", callId, "crm:C-1"));
        pick.Message.ShouldContain("only its own agent may pick among its matches");
        bob.Received.ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_same_answer_as_an_unknown_user()
    {
        using var client = _hub.Client();

        var wrong = await client.PostAsJsonAsync("/desktop/api/sign-in", new { username = "ada", password = "not the password" });
        var unknown = await client.PostAsJsonAsync("/desktop/api/sign-in", new { username = "nobody", password = "not the password" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_hub_refuses_a_desktop_without_a_session()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_hub.Address, "/desktop/hub"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => AgentDesk.Handler(_hub, new CookieContainer());
            })
            .Build();

        var ex = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());

        ex.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private Task<AgentDesk> ConnectAsync(string username) => AgentDesk.ConnectAsync(_hub, username, Password);
}
