using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Security;
using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.IntegrationTests.Delivery;

/// <summary>
/// Call logging through the real server: events posted to the hub become an interaction, and its completed wrap-up
/// becomes ONE activity at the CRM (a WireMock stub), sent through the outbox and the delivery queue; a missed call
/// becomes a follow-up task.
/// </summary>
public sealed class CallLoggingTests : IAsyncLifetime
{
    // Yesterday 09:00 UTC: events in the future are refused.
    private static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1).AddHours(9);
    private readonly WireMockServer _crm = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });
    private TestHub _hub = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _crm.Given(Request.Create().WithPath("/api/activities").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{ "id": "A-1" }"""));
        _crm.Given(Request.Create().WithPath("/api/tasks").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{ "id": "K-1" }"""));
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", $$$"""
                name: crm
                kind: crm
                protocol: rest
                mode: on
                address: {{{_crm.Urls[0]}}}/
                allowPrivateNetworks: true
                retry: { maxAttempts: 1 }
                operations:
                  interaction.log:
                    method: POST
                    path: /api/activities
                    idempotencyKey: Idempotency-Key
                    headers: { Content-Type: application/json }
                    body: |
                      { "contactId": {{ customerId | json }}, "subject": {{ subject | json }}, "direction": {{ direction | json }},
                        "startedAt": {{ startedAt | json }}, "talkSeconds": {{ talkSeconds | json }}, "durationSeconds": {{ durationSeconds | json }},
                        "disposition": {{ disposition | json }}, "notes": {{ notes | json }}, "recording": {{ recordingUrl | json }},
                        "callId": {{ callId | json }}, "agent": {{ agentId | json }}, "interaction": {{ interactionId | json }} }
                  interaction.list:
                    method: GET
                    path: /api/activities
                    query: { from: "{{ from }}", to: "{{ to }}" }
                    response:
                      items: $.records[*]
                      fields: { externalId: $.id, interactionId: $.callId }
                  task.create:
                    method: POST
                    path: /api/tasks
                    idempotencyKey: Idempotency-Key
                    headers: { Content-Type: application/json }
                    body: '{ "contactId": {{ customerId | json }}, "subject": {{ subject | json }}, "phone": {{ callerNumber | json }} }'
                """);
            d.Write("flows/call-logging.yaml", "name: call-logging\ncapability: callLogging\nmode: on\nsystems: [crm]\n");
        });
        _api = _hub.Client(await _hub.IssueKeyAsync(Roles.Admin));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _hub.DisposeAsync();
        _crm.Stop();
    }

    private async Task PostAsync(params object[] events)
    {
        var response = await _api.PostAsJsonAsync("/api/v1/events/batch", new { events });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static object Call(string id, string type, string callId, int second, Dictionary<string, string>? attributes = null,
        string? reason = null, string? disposition = null, string? notes = null, string? recordingUrl = null) => new
    {
        eventId = id,
        type,
        occurredAt = T0.AddSeconds(second),
        callId,
        agentId = "agent-7",
        from = "+14155550101",
        to = "+18005550100",
        queue = "support",
        reason,
        disposition,
        notes,
        recordingUrl,
        attributes = attributes ?? [],
    };

    private List<WireMock.IRequestMessage> Sent(string path) =>
        [.. _crm.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path == path && r.Method == "POST")];

    private async Task<List<WireMock.IRequestMessage>> WaitForAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Sent(path).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var sent = Sent(path);
        sent.Count.ShouldBe(count, $"requests to {path}");
        return sent;
    }

    private async Task<string> InteractionIdAsync(string callId)
    {
        var found = await _api.GetFromJsonAsync<JsonElement>($"/api/v1/interactions?callId={callId}");
        return found.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_completed_wrap_up_is_logged_once_at_the_crm_against_the_customer_the_agent_chose()
    {
        await PostAsync(
            Call("c1-offered", "call.offered", "call-1", 0),
            Call("c1-answered", "call.answered", "call-1", 10),
            Call("c1-ended", "call.ended", "call-1", 130, reason: "completed"),
            Call("c1-wrapup", "call.wrapup_completed", "call-1", 160, new() { ["customer.crm"] = "C-42" },
                disposition: "resolved", notes: "Reset the router", recordingUrl: "https://pbx.example/rec/1.wav"));

        var sent = (await WaitForAsync("/api/activities", 1))[0];
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        body.GetProperty("contactId").GetString().ShouldBe("C-42");
        body.GetProperty("direction").GetString().ShouldBe("inbound");
        body.GetProperty("disposition").GetString().ShouldBe("resolved");
        body.GetProperty("notes").GetString().ShouldBe("Reset the router");
        body.GetProperty("recording").GetString().ShouldBe("https://pbx.example/rec/1.wav");
        body.GetProperty("talkSeconds").GetDouble().ShouldBe(120);
        body.GetProperty("durationSeconds").GetDouble().ShouldBe(130);
        body.GetProperty("startedAt").GetString().ShouldBe(T0.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T09:00:00.000Z");
        body.GetProperty("subject").GetString().ShouldBe("Inbound call from +14155550101 (resolved)");
        body.GetProperty("agent").GetString().ShouldBe("agent-7");
        var interactionId = await InteractionIdAsync("call-1");
        sent.Headers!["Idempotency-Key"].ToString().ShouldBe($"call-logging:{interactionId}");

        // The same wrap-up again, and a second one: the interaction is completed once, so it is logged once.
        await PostAsync(
            Call("c1-wrapup", "call.wrapup_completed", "call-1", 160, disposition: "resolved"),
            Call("c1-wrapup-2", "call.wrapup_completed", "call-1", 170, disposition: "callback"));
        await Task.Delay(1500);
        Sent("/api/activities").Count.ShouldBe(1);
        Sent("/api/tasks").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_shared_number_without_the_agents_choice_is_logged_without_a_customer_rather_than_against_every_contact()
    {
        foreach (var name in new[] { "Mia Chen", "Leo Chen" })
        {
            var created = await _api.PostAsJsonAsync("/api/v1/customers", new
            {
                displayName = name,
                phones = new[] { new { number = "+14155550101" } },
                crossReferences = new[] { new { system = "crm", externalId = name.Replace(' ', '-') } },
            });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        await PostAsync(
            Call("c2-offered", "call.offered", "call-2", 0),
            Call("c2-answered", "call.answered", "call-2", 5),
            Call("c2-ended", "call.ended", "call-2", 65),
            Call("c2-wrapup", "call.wrapup_completed", "call-2", 70, disposition: "resolved"));

        var body = JsonDocument.Parse((await WaitForAsync("/api/activities", 1))[0].Body!).RootElement;
        body.GetProperty("contactId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_one_customer_who_owns_the_number_is_linked_through_the_cross_reference()
    {
        var created = await _api.PostAsJsonAsync("/api/v1/customers", new
        {
            displayName = "Ana Ruiz",
            phones = new[] { new { number = "+14155550177" } },
            crossReferences = new[] { new { system = "crm", externalId = "C-77" } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        await PostAsync(
            new { eventId = "c3-offered", type = "call.offered", occurredAt = T0, callId = "call-3", from = "(415) 555-0177" },
            Call("c3-answered", "call.answered", "call-3", 5),
            Call("c3-ended", "call.ended", "call-3", 65),
            Call("c3-wrapup", "call.wrapup_completed", "call-3", 70, disposition: "resolved"));

        var body = JsonDocument.Parse((await WaitForAsync("/api/activities", 1))[0].Body!).RootElement;
        body.GetProperty("contactId").GetString().ShouldBe("C-77");
    }

    [Fact]
    public async Task An_abandoned_call_becomes_one_follow_up_task()
    {
        await PostAsync(
            Call("c4-offered", "call.offered", "call-4", 0),
            Call("c4-ended", "call.ended", "call-4", 40, reason: "abandoned"));

        var sent = (await WaitForAsync("/api/tasks", 1))[0];
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        body.GetProperty("subject").GetString().ShouldBe("Call back +14155550101: missed call");
        body.GetProperty("phone").GetString().ShouldBe("+14155550101");
        sent.Headers!["Idempotency-Key"].ToString().ShouldBe($"call-logging:{await InteractionIdAsync("call-4")}:follow-up");
        await Task.Delay(1000);
        Sent("/api/activities").ShouldBeEmpty();
    }

    [Fact]
    public async Task Reconciliation_reports_what_the_crm_lacks_or_holds_twice_and_resends_the_missing_once()
    {
        foreach (var n in new[] { 1, 2, 3 })
        {
            await PostAsync(
                Call($"r{n}-answered", "call.answered", $"rec-{n}", n * 100),
                Call($"r{n}-ended", "call.ended", $"rec-{n}", (n * 100) + 30),
                Call($"r{n}-wrapup", "call.wrapup_completed", $"rec-{n}", (n * 100) + 40, disposition: "resolved"));
        }

        await WaitForAsync("/api/activities", 3);
        var ids = new Dictionary<int, string>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            ids[n] = await InteractionIdAsync($"rec-{n}");
        }

        // The CRM lost the second call's activity, holds the first twice, and has one the hub does not know.
        _crm.Given(Request.Create().WithPath("/api/activities").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new
            {
                records = new object[]
                {
                    new { id = "A-1", callId = ids[1] }, new { id = "A-1b", callId = ids[1] }, new { id = "A-3", callId = ids[3] },
                    new { id = "A-x", callId = "someone-elses" },
                },
            })));
        var period = new { system = "crm", from = T0, to = T0.AddHours(1) };

        var report = await _api.PostAsJsonAsync("/api/v1/delivery/reconciliation", period);
        report.StatusCode.ShouldBe(HttpStatusCode.OK, await report.Content.ReadAsStringAsync());
        var found = await report.Content.ReadFromJsonAsync<JsonElement>();
        found.GetProperty("hubInteractions").GetInt32().ShouldBe(3);
        found.GetProperty("targetActivities").GetInt32().ShouldBe(4);
        found.GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ShouldBe([ids[2]]);
        var duplicated = found.GetProperty("duplicated")[0];
        duplicated.GetProperty("interactionId").GetString().ShouldBe(ids[1]);
        duplicated.GetProperty("count").GetInt32().ShouldBe(2);
        found.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()).ShouldBe(["A-x"]);
        found.GetProperty("resent").GetInt32().ShouldBe(0);
        Sent("/api/activities").Count.ShouldBe(3);

        // Comparing needs read access; sending again needs manage access, and is recorded with who asked.
        using var auditor = _hub.Client(await _hub.IssueKeyAsync(Roles.Auditor));
        (await auditor.PostAsJsonAsync("/api/v1/delivery/reconciliation", period)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.PostAsJsonAsync("/api/v1/delivery/reconciliation/resend", period)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var resend = await _api.PostAsJsonAsync("/api/v1/delivery/reconciliation/resend", period);
        (await resend.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resent").GetInt32().ShouldBe(1);

        var again = (await WaitForAsync("/api/activities", 4))[3];
        JsonDocument.Parse(again.Body!).RootElement.GetProperty("interaction").GetString().ShouldBe(ids[2]);
        again.Headers!["Idempotency-Key"].ToString().ShouldBe($"call-logging:{ids[2]}");
        var actions = await _api.GetFromJsonAsync<JsonElement>("/api/v1/delivery/actions");
        actions.GetProperty("items").EnumerateArray().ShouldContain(a =>
            a.GetProperty("action").GetString() == "resend" && a.GetProperty("actor").GetString()!.StartsWith("api-key:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconciliation_of_an_unknown_system_or_a_backwards_period_is_refused_and_sends_nothing()
    {
        var unknown = await _api.PostAsJsonAsync("/api/v1/delivery/reconciliation/resend", new { system = "erp", from = T0, to = T0.AddHours(1) });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("system")[0].GetString()
            .ShouldBe("system: 'erp' is not configured (systems: crm)");

        var backwards = await _api.PostAsJsonAsync("/api/v1/delivery/reconciliation", new { system = "crm", from = T0, to = T0.AddHours(-1) });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("to")[0].GetString()!
            .ShouldContain("is not after from");

        var missing = await _api.PostAsJsonAsync("/api/v1/delivery/reconciliation", new { system = "crm" });
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("from")[0].GetString()
            .ShouldBe("from: is required: the start of the period (ISO 8601)");
        _crm.LogEntries.ShouldBeEmpty();
    }
}
