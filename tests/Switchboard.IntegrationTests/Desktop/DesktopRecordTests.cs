using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.ScreenPop;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Storage.Stores;
using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>The agent creates tickets and orders in the customer's system and starts outbound calls from the desktop.</summary>
public sealed class DesktopRecordTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    private readonly WireMockServer _crm = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _crm.Given(Request.Create().WithPath("/api/tickets").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{ "id": "T-9", "subject": "Router keeps rebooting", "status": "open" }"""));
        _crm.Given(Request.Create().WithPath("/api/orders").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{ "id": "O-9", "number": "SO-9", "status": "new" }"""));
        _crm.Given(Request.Create().WithPath("/api/broken/tickets").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("database is down"));
        _crm.Given(Request.Create().WithPath("/api/slow/tickets").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithDelay(TimeSpan.FromSeconds(6))
                .WithBody("""{ "id": "T-slow", "subject": "Slow", "status": "open" }"""));
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/slowdesk.yaml", CrmYaml("slowdesk", "/api/slow", withCreates: true));
            d.Write("systems/crm.yaml", CrmYaml("crm", "/api", withCreates: true));
            d.Write("systems/helpdesk.yaml", CrmYaml("helpdesk", "/api/broken", withCreates: true));
            d.Write("systems/legacy.yaml", CrmYaml("legacy", "/api", withCreates: false));
        });
        var accounts = _hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _crm.Stop();
    }

    [Fact]
    public async Task A_ticket_is_created_through_the_systems_operation_with_the_clients_idempotency_key()
    {
        using var desk = await SignInAsync();
        await RingAsync("call-42", "agent-7");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/desktop/api/tickets")
        {
            Content = JsonContent.Create(new
            {
                customerSystem = "crm", customerId = "C-1", subject = "Router keeps rebooting", description = "Since Monday", priority = "high", callId = "call-42",
            }),
        };
        request.Headers.Add("Idempotency-Key", "desk-key-1");

        var response = await desk.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>();
        ticket.GetProperty("externalId").GetString().ShouldBe("T-9");
        ticket.GetProperty("status").GetString().ShouldBe("open");
        var sent = Sent("/api/tickets").Single();
        sent.Headers!["Idempotency-Key"].ShouldBe(["desk-key-1"]);
        using var body = JsonDocument.Parse(sent.Body!);
        body.RootElement.GetProperty("customer").GetString().ShouldBe("C-1");
        body.RootElement.GetProperty("subject").GetString().ShouldBe("Router keeps rebooting");
        body.RootElement.GetProperty("description").GetString().ShouldBe("Since Monday");
        body.RootElement.GetProperty("priority").GetString().ShouldBe("high");
        body.RootElement.GetProperty("call").GetString().ShouldBe("call-42");
    }

    [Fact]
    public async Task Each_ticket_without_a_client_key_gets_a_fresh_idempotency_key()
    {
        using var desk = await SignInAsync();

        (await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "crm", customerId = "C-1", subject = "First" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "crm", customerId = "C-1", subject = "Second" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var keys = Sent("/api/tickets").Select(r => r.Headers!["Idempotency-Key"].Single()).ToList();
        keys.Count.ShouldBe(2);
        keys.Select(key => Guid.TryParse(key, out var parsed)).ShouldAllBe(parsed => parsed);
        keys[0].ShouldNotBe(keys[1]);
    }

    [Fact]
    public async Task Without_a_system_to_create_customers_in_the_desktop_offers_none_and_a_create_is_refused()
    {
        using var desk = await SignInAsync();

        var settings = await desk.GetFromJsonAsync<JsonElement>("/desktop/api/settings");
        var response = await desk.PostAsJsonAsync("/desktop/api/customers", new { callId = "call-1", name = "Grace Hopper" });

        (settings.TryGetProperty("createCustomerIn", out var createIn) ? createIn.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("No customer was created: no screenPop flow names the system to create customers in (screenPop.createIn in flows/).");
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_system_without_ticket_create_is_refused_naming_the_operation()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "legacy", customerId = "C-1", subject = "Broken" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        detail.ShouldContain("'legacy' does not define the operation ticket.create");
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_system_answers_bad_gateway_with_the_connectors_reason()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "helpdesk", customerId = "C-1", subject = "Broken" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldStartWith("helpdesk ticket.create: ");
        problem.GetProperty("reason").GetString()!.ShouldContain("500");
    }

    [Fact]
    public async Task A_system_slower_than_the_wait_answers_queued_and_the_ticket_is_still_created_once()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "slowdesk", customerId = "C-1", subject = "Slow" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        queued.GetProperty("status").GetString().ShouldBe("queued");
        queued.GetProperty("messageId").GetString().ShouldNotBeNullOrEmpty();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Sent("/api/slow/tickets").Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Sent("/api/slow/tickets").Count.ShouldBe(1);
        var status = await _hub.Client(await _hub.IssueKeyAsync(Roles.Admin)).GetFromJsonAsync<JsonElement>("/api/v1/delivery/targets");
        status.GetProperty("targets").EnumerateArray().ShouldContain(t => t.GetProperty("target").GetString() == "slowdesk");
    }

    [Fact]
    public async Task A_ticket_without_a_subject_or_with_a_long_one_is_refused_and_nothing_is_sent()
    {
        using var desk = await SignInAsync();

        var missing = await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "crm", customerId = "C-1", priority = "someday" });
        var tooLong = await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "crm", customerId = "C-1", subject = new string('x', 201) });

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("subject")[0].GetString().ShouldBe("is required");
        errors.GetProperty("priority")[0].GetString().ShouldBe("'someday' is not one of low, normal, high, urgent");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("subject")[0].GetString()
            .ShouldBe("is 201 characters long, at most 200 are allowed");
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_order_is_created_with_its_lines_as_a_json_array()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/orders", new
        {
            customerSystem = "crm", customerId = "C-1", currency = "USD",
            lines = new object[] { new { sku = "RTR-1", quantity = 2, unitPrice = 12.5m }, new { sku = "CBL-3", quantity = 1 } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString().ShouldBe("SO-9");
        var sent = Sent("/api/orders").Single();
        using var body = JsonDocument.Parse(sent.Body!);
        body.RootElement.GetProperty("currency").GetString().ShouldBe("USD");
        var lines = body.RootElement.GetProperty("lines");
        lines.GetArrayLength().ShouldBe(2);
        lines[0].GetProperty("sku").GetString().ShouldBe("RTR-1");
        lines[0].GetProperty("quantity").GetInt32().ShouldBe(2);
        lines[0].GetProperty("unitPrice").GetDecimal().ShouldBe(12.5m);
        lines[1].TryGetProperty("unitPrice", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_order_with_bad_lines_and_currency_is_refused_naming_each_field()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/orders", new
        {
            customerSystem = "crm", customerId = "C-1", currency = "dollars", lines = new object[] { new { sku = "", quantity = 0 } },
        });
        var empty = await desk.PostAsJsonAsync("/desktop/api/orders", new { customerSystem = "crm", customerId = "C-1", currency = "USD", lines = Array.Empty<object>() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("currency")[0].GetString().ShouldBe("'dollars' is not a three-letter ISO 4217 code such as USD, EUR or CNY");
        errors.GetProperty("lines[0].sku")[0].GetString().ShouldBe("is required");
        errors.GetProperty("lines[0].quantity")[0].GetString().ShouldBe("0 is not between 1 and 100000");
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("lines")[0].GetString().ShouldBe("at least one line is required");
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Click_to_dial_with_an_invalid_number_is_refused_with_the_normalizers_reason()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/calls", new { number = "555" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("number")[0].GetString()
            .ShouldBe("'555' is too short for a number of country code +1");
    }

    [Fact]
    public async Task Click_to_dial_without_a_contact_center_system_says_to_configure_one()
    {
        using var desk = await SignInAsync();

        var response = await desk.PostAsJsonAsync("/desktop/api/calls", new { number = "(415) 555-0134" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("No call was placed: no contact-center system can place calls (configure an ami system).");
    }

    [Fact]
    public async Task Records_and_calls_without_a_session_are_unauthorized()
    {
        using var withApiKey = _hub.Client(await _hub.IssueKeyAsync(Roles.Admin));
        using var anonymous = _hub.Client();

        var ticket = await anonymous.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "crm", customerId = "C-1", subject = "x" });
        var order = await withApiKey.PostAsJsonAsync("/desktop/api/orders", new { customerSystem = "crm", customerId = "C-1", currency = "USD", lines = new[] { new { sku = "A", quantity = 1 } } });
        var call = await anonymous.PostAsJsonAsync("/desktop/api/calls", new { number = "(415) 555-0134" });

        ticket.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        order.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        call.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _crm.LogEntries.ShouldBeEmpty();
    }

    private string CrmYaml(string name, string prefix, bool withCreates) => $$$"""
        name: {{{name}}}
        kind: crm
        protocol: rest
        mode: on
        address: {{{_crm.Urls[0]}}}/
        allowPrivateNetworks: true
        retry: { maxAttempts: 1 }
        operations:
          ticket.listByCustomer:
            path: {{{prefix}}}/tickets
            query: { customerId: "{{ customerId }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, subject: $.subject, status: $.status }
        """ + (withCreates ? $$$"""

          ticket.create:
            method: POST
            path: {{{prefix}}}/tickets
            headers: { Content-Type: application/json }
            idempotencyKey: Idempotency-Key
            body: '{ "customer": {{ customerId | json }}, "subject": {{ subject | json }}, "description": {{ description | json }}, "priority": {{ priority | json }}, "call": {{ interactionId | json }} }'
            response:
              fields: { externalId: $.id, subject: $.subject, status: $.status }
          order.create:
            method: POST
            path: {{{prefix}}}/orders
            headers: { Content-Type: application/json }
            idempotencyKey: Idempotency-Key
            body: '{ "customer": {{ customerId | json }}, "currency": {{ currency | json }}, "lines": {{ lines | json }} }'
            response:
              fields: { externalId: $.id, number: $.number, status: $.status }
        """ : string.Empty);

    [Fact]
    public async Task A_ticket_or_order_naming_another_agents_call_is_refused_and_nothing_is_sent()
    {
        using var desk = await SignInAsync();
        await RingAsync("call-of-bob", "agent-9");

        var ticket = await desk.PostAsJsonAsync("/desktop/api/tickets", new { customerSystem = "crm", customerId = "C-1", subject = "Refund", callId = "call-of-bob" });
        var order = await desk.PostAsJsonAsync("/desktop/api/orders", new
        {
            customerSystem = "crm", customerId = "C-1", currency = "EUR", callId = "call-of-bob",
            lines = new[] { new { sku = "SKU-1", quantity = 1, unitPrice = 10.0 } },
        });

        ticket.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(
            "Call 'call-of-bob' was not offered to or handled by agent 'agent-7'; only its own agent may link a ticket to it. Nothing was changed.");
        order.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Sent("/api/tickets").ShouldBeEmpty();
        Sent("/api/orders").ShouldBeEmpty();
    }

    /// <summary>The call rings at the agent: its pop (which names the agent) is held once this returns.</summary>
    private async Task RingAsync(string callId, string agentId)
    {
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId, from = "(415) 555-0199",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var pops = _hub.App.Services.GetRequiredService<ScreenPopEngine>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (pops.Latest(callId)?.AgentId != agentId)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the pop of {callId} never reached {agentId}");
            await Task.Delay(20);
        }

        // The call's interaction too (assembled a moment after the event was acknowledged): the refusals below name
        // the call as one the hub knows.
        var interactions = _hub.App.Services.GetRequiredService<InteractionStore>();
        while (await interactions.FindByCallIdAsync(callId, CancellationToken.None) is null)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the interaction of {callId} was never assembled");
            await Task.Delay(20);
        }
    }

    private List<WireMock.IRequestMessage> Sent(string path) =>
        [.. _crm.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path == path)];

    private Task<HttpClient> SignInAsync() => AgentDesk.SignInAsync(_hub, "ada", Password);
}
