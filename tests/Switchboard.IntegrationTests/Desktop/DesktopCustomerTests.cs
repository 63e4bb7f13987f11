using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.ScreenPop;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>The pop found nobody: the agent creates the caller in the system of record, and the pop opens on them.</summary>
public sealed class DesktopCustomerTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private const string Unknown = "+14155550177";

    private readonly WireMockServer _crm = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });
    private TestHub _hub = null!;
    private HttpClient _records = null!;

    public async Task InitializeAsync()
    {
        Json("GET", "/api/contacts", "[]");
        Json("GET", "/api/orders", "[]");
        Json("GET", "/api/tickets", "[]");
        Json("POST", "/api/contacts", """{ "id": "C-77" }""", 201);
        Json("POST", "/api/activities", """{ "id": "A-1" }""", 201);
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", SystemYaml);
            d.Write("flows/screen-pop.yaml", "name: screen-pop\ncapability: screenPop\nmode: on\nscreenPop: { createIn: crm, budgetMs: 10000, systemTimeoutMs: 5000 }\n");
            d.Write("flows/call-logging.yaml", "name: call-logging\ncapability: callLogging\nmode: on\nsystems: [crm]\n");
        });
        var accounts = _hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        _records = _hub.Client(await _hub.IssueKeyAsync(Roles.Admin));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _crm.Stop();
    }

    private string SystemYaml => $$$"""
        name: crm
        kind: crm
        protocol: rest
        mode: on
        address: {{{_crm.Urls[0]}}}/
        allowPrivateNetworks: true
        operations:
          customer.findByPhone:
            path: /api/contacts
            query: { phone: "{{ phone }}" }
            response: { items: "$[*]", fields: { externalId: $.id, firstName: $.firstName, lastName: $.lastName, phone: $.phone } }
          customer.create:
            method: POST
            path: /api/contacts
            idempotencyKey: Idempotency-Key
            body: '{ "firstName": {{ firstName | json }}, "lastName": {{ lastName | json }}, "phone": {{ phone | json }}, "email": {{ email | json }}, "call": {{ interactionId | json }} }'
            response: { fields: { externalId: $.id } }
          order.listByCustomer:
            path: /api/orders
            query: { customerId: "{{ customerId }}" }
            response: { items: "$[*]", fields: { externalId: $.id } }
          ticket.listByCustomer:
            path: /api/tickets
            query: { customerId: "{{ customerId }}" }
            response: { items: "$[*]", fields: { externalId: $.id } }
          interaction.log:
            method: POST
            path: /api/activities
            body: '{ "contactId": {{ customerId | json }}, "call": {{ interactionId | json }} }'
            response: { fields: { externalId: $.id } }
        """;

    [Fact]
    public async Task An_unknown_caller_is_created_in_the_system_of_record_and_the_pop_opens_on_them()
    {
        using var desk = await SignInAsync();
        (await desk.GetFromJsonAsync<JsonElement>("/desktop/api/settings")).GetProperty("createCustomerIn").GetString().ShouldBe("crm");
        var callId = await RingAsync("agent-7");
        (await CompletePopAsync(callId)).Match.ShouldBe(PopMatch.None);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/desktop/api/customers")
        {
            Content = JsonContent.Create(new { callId, name = "Grace Brewster Hopper", phone = "(415) 555-0177", email = "grace@navy.example" }),
        };
        request.Headers.Add("Idempotency-Key", "new-customer-1");
        var response = await desk.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("externalId").GetString().ShouldBe("C-77");
        var sent = Sent("POST", "/api/contacts").ShouldHaveSingleItem();
        sent.Headers!["Idempotency-Key"].ShouldBe(["new-customer-1"]);
        using (var body = JsonDocument.Parse(sent.Body!))
        {
            body.RootElement.GetProperty("firstName").GetString().ShouldBe("Grace Brewster");
            body.RootElement.GetProperty("lastName").GetString().ShouldBe("Hopper");
            body.RootElement.GetProperty("phone").GetString().ShouldBe(Unknown);
            body.RootElement.GetProperty("email").GetString().ShouldBe("grace@navy.example");
            body.RootElement.GetProperty("call").GetString().ShouldBe(callId);
        }

        var pop = await CompletePopAsync(callId, v => v.MatchedBy == "created");
        pop.Match.ShouldBe(PopMatch.Single);
        var grace = pop.Customer.ShouldNotBeNull();
        grace.Key.ShouldBe("crm:C-77");
        grace.DisplayName.ShouldBe("Grace Brewster Hopper");
        grace.Phones.ShouldBe([Unknown]);
        grace.Emails.ShouldBe(["grace@navy.example"]);
        pop.Sources.ShouldContain(s => s.System == "crm" && s.Operation == "order.listByCustomer");

        // The wrap-up names her, so the call is logged against her.
        (await desk.PostAsJsonAsync($"/desktop/api/calls/{callId}/wrap-up", new { disposition = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var logged = await WaitForAsync(() => Sent("POST", "/api/activities").FirstOrDefault());
        using var activity = JsonDocument.Parse(logged.Body!);
        activity.RootElement.GetProperty("contactId").GetString().ShouldBe("C-77");
    }

    [Fact]
    public async Task Bad_details_are_refused_field_by_field_and_nothing_is_created()
    {
        using var desk = await SignInAsync();
        var callId = await RingAsync("agent-7");
        await CompletePopAsync(callId);

        var bad = await desk.PostAsJsonAsync("/desktop/api/customers", new { callId, name = "  ", phone = "555-01", email = "grace at navy" });
        var noCall = await desk.PostAsJsonAsync("/desktop/api/customers", new { name = "Grace Hopper", phone = "anonymous", email = new string('g', 250) + "@navy.example" });

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().ShouldBe("No customer was created.");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("name")[0].GetString().ShouldBe("is required");
        errors.GetProperty("phone")[0].GetString()!.ShouldStartWith("'555-01' ");
        errors.GetProperty("email")[0].GetString().ShouldBe("'grace at navy' is not an email address like name@example.com");
        errors.TryGetProperty("callId", out _).ShouldBeFalse();
        noCall.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noCallErrors = (await noCall.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        noCallErrors.GetProperty("callId")[0].GetString().ShouldBe("is required: the call the customer is created for");
        noCallErrors.GetProperty("phone")[0].GetString().ShouldBe("'anonymous' is a withheld-number marker, not a phone number");
        noCallErrors.GetProperty("email")[0].GetString().ShouldBe("is 263 characters long, at most 254 are allowed");
        Sent("POST", "/api/contacts").ShouldBeEmpty();
        _hub.App.Services.GetRequiredService<ScreenPopEngine>().Latest(callId)!.Match.ShouldBe(PopMatch.None);
    }

    [Fact]
    public async Task A_customer_for_another_agents_call_is_forbidden_and_nothing_is_created()
    {
        using var desk = await SignInAsync();
        var callId = await RingAsync("agent-9");
        await CompletePopAsync(callId);

        var refused = await desk.PostAsJsonAsync("/desktop/api/customers", new { callId, name = "Grace Hopper" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(
            $"Call '{callId}' was not offered to or handled by agent 'agent-7'; only its own agent may create its caller. Nothing was changed.");
        Sent("POST", "/api/contacts").ShouldBeEmpty();
    }

    private void Json(string method, string path, string body, int status = 200) =>
        _crm.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private List<WireMock.IRequestMessage> Sent(string method, string path) =>
        [.. _crm.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Method == method && r.Path == path)];

    private async Task<string> RingAsync(string agentId)
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId, from = "(415) 555-0177",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _records.WaitForInteractionAsync(callId);
        return callId;
    }

    private Task<ScreenPopView> CompletePopAsync(string callId, Func<ScreenPopView, bool>? also = null) =>
        WaitForAsync(() => _hub.App.Services.GetRequiredService<ScreenPopEngine>().Latest(callId) is { Complete: true } view && (also?.Invoke(view) ?? true) ? view : null);

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the expected state was not reached within 20 seconds");
    }

    private Task<HttpClient> SignInAsync() => AgentDesk.SignInAsync(_hub, "ada", Password);
}
