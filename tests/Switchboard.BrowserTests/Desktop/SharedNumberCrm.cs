using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.BrowserTests.Desktop;

/// <summary>
/// A CRM stub (WireMock.Net on 127.0.0.1) where two members of a family share one number, each with orders and a ticket; it
/// creates customers, tickets and orders, and serves its own page of each record (where the desktop's links lead).
/// </summary>
public sealed class SharedNumberCrm : IDisposable
{
    public const string SharedNumber = "+14155550134";

    /// <summary>A caller whose CRM record holds markup, to show the desktop prints it as text.</summary>
    public const string MarkupNumber = "+14155550177";

    /// <summary>A caller the CRM does not know (until the agent creates them as C-77).</summary>
    public const string UnknownNumber = "+14155550199";

    public SharedNumberCrm()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });
        Json("/api/contacts", "phone", SharedNumber, $$"""
            [
              { "id": "C-1", "firstName": "Ada", "lastName": "Lovelace", "company": "Analytical Engines Ltd", "phone": "{{SharedNumber}}", "email": "ada@example.com" },
              { "id": "C-2", "firstName": "Byron", "lastName": "Lovelace", "phone": "{{SharedNumber}}", "email": "byron@example.com" }
            ]
            """);
        Json("/api/orders", "customerId", "C-1", """
            [
              { "id": "O-1", "number": "SO-1001", "status": "shipped", "total": "129.00", "currency": "USD", "createdAt": "2026-11-20T09:30:00Z" },
              { "id": "O-2", "number": "SO-0990", "status": "delivered", "total": "45.50", "currency": "USD", "createdAt": "2026-10-02T15:10:00Z" }
            ]
            """);
        Json("/api/tickets", "customerId", "C-1", """
            [ { "id": "T-1", "subject": "Router keeps rebooting", "status": "open", "priority": "high", "createdAt": "2026-11-21T08:00:00Z" } ]
            """);
        Json("/api/contacts", "phone", MarkupNumber, $$"""
            [ { "id": "C-9", "firstName": "<img src=x onerror=window.pwned=1>", "lastName": "Eve", "phone": "{{MarkupNumber}}" } ]
            """);
        Json("/api/tickets", "customerId", "C-9", """[ { "id": "T-9", "subject": "<script>window.pwned=2</script>", "status": "open" } ]""");
        Json("/api/orders", "customerId", "C-2", """[ { "id": "O-3", "number": "SO-1010", "status": "pending", "total": "20.00", "currency": "USD" } ]""");
        Json("/api/tickets", "customerId", "C-2", """[ { "id": "T-2", "subject": "Change the invoice address", "status": "open" } ]""");
        Json("/api/contacts", "phone", UnknownNumber, "[]");
        Json("/api/orders", "customerId", "C-77", "[]");
        Json("/api/tickets", "customerId", "C-77", "[]");
        Created("/api/contacts", """{ "id": "C-77" }""");
        Created("/api/tickets", """{ "id": "T-77", "subject": "Router keeps rebooting again", "status": "open" }""");
        Created("/api/orders", """{ "id": "O-77", "number": "SO-1077", "status": "new" }""");
        Server.Given(Request.Create().WithPath("/ui/*").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html; charset=utf-8")
                .WithBody("<!doctype html><title>CRM record</title><h1>The CRM's own page</h1>"));
    }

    /// <summary>What the CRM was sent to <paramref name="path"/> by POST.</summary>
    public IReadOnlyList<WireMock.IRequestMessage> Posted(string path) =>
        [.. Server.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Method == "POST" && r.Path == path)];

    public WireMockServer Server { get; }

    /// <summary>
    /// A screen-pop flow using the CRM, patient enough that a machine busy with other work (a benchmark beside the tests)
    /// does not turn the stub's answers into timeouts, which would show no candidates at all.
    /// </summary>
    public const string PatientScreenPop = """
        name: screen-pop
        capability: screenPop
        mode: on
        systems: [crm]
        screenPop:
          budgetMs: 10000
          systemTimeoutMs: 5000

        """;

    public string SystemYaml => $$$"""
        name: crm
        kind: crm
        protocol: rest
        mode: on
        address: {{{Server.Urls[0]}}}/
        allowPrivateNetworks: true
        links:
          customer: "{{{Server.Urls[0]}}}/ui/contacts/{{ id }}"
          order: "{{{Server.Urls[0]}}}/ui/orders/{{ id }}"
          ticket: "{{{Server.Urls[0]}}}/ui/tickets/{{ id }}"
        operations:
          customer.findByPhone:
            path: /api/contacts
            query: { phone: "{{ phone }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, firstName: $.firstName, lastName: $.lastName, company: $.company, phone: { path: $.phone, type: phone }, email: $.email }
          order.listByCustomer:
            path: /api/orders
            query: { customerId: "{{ customerId }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, number: $.number, status: $.status, total: { path: $.total, type: decimal }, currency: $.currency, createdAt: $.createdAt }
          ticket.listByCustomer:
            path: /api/tickets
            query: { customerId: "{{ customerId }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, subject: $.subject, status: $.status, priority: $.priority, createdAt: $.createdAt }
          customer.create:
            method: POST
            path: /api/contacts
            idempotencyKey: Idempotency-Key
            body: '{ "firstName": {{ firstName | json }}, "lastName": {{ lastName | json }}, "phone": {{ phone | json }}, "email": {{ email | json }} }'
            response: { fields: { externalId: $.id } }
          ticket.create:
            method: POST
            path: /api/tickets
            idempotencyKey: Idempotency-Key
            body: '{ "customer": {{ customerId | json }}, "subject": {{ subject | json }}, "priority": {{ priority | json }}, "call": {{ interactionId | json }} }'
            response: { fields: { externalId: $.id, subject: $.subject, status: $.status } }
          order.create:
            method: POST
            path: /api/orders
            idempotencyKey: Idempotency-Key
            body: '{ "customer": {{ customerId | json }}, "currency": {{ currency | json }}, "lines": {{ lines | json }}, "call": {{ interactionId | json }} }'
            response: { fields: { externalId: $.id, number: $.number, status: $.status } }
        """;

    public void Dispose() => Server.Stop();

    private void Created(string path, string body) =>
        Server.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(body));

    private void Json(string path, string param, string value, string body) =>
        Server.Given(Request.Create().WithPath(path).WithParam(param, value).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
