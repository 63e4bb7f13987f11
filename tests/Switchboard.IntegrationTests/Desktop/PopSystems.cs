using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>A CRM stub (WireMock.Net on 127.0.0.1) holding one caller with an order and a ticket, and its system file.</summary>
public sealed class PopSystems : IDisposable
{
    public PopSystems()
    {
        Crm = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });
        Json("/api/contacts", "phone", "+14155550134", """[ { "id": "C-1", "firstName": "Ada", "lastName": "Lovelace", "phone": "+14155550134", "email": "ada@example.com" } ]""");
        Json("/api/orders", "customerId", "C-1", """[ { "id": "O-1", "number": "SO-1", "status": "shipped", "total": "12.50", "currency": "USD" } ]""");
        Json("/api/tickets", "customerId", "C-1", """[ { "id": "T-1", "subject": "Router keeps rebooting", "status": "open" } ]""");
        // A family's shared number: two people, so the pop asks the agent to pick.
        Json("/api/contacts", "phone", SharedNumber, """
            [ { "id": "C-2", "firstName": "Grace", "lastName": "Hopper", "phone": "+14155550177", "email": "grace@example.com" },
              { "id": "C-3", "firstName": "Alan", "lastName": "Hopper", "phone": "+14155550177", "email": "alan@example.com" } ]
            """);
        Json("/api/orders", "customerId", "C-3", """[ { "id": "O-3", "number": "SO-3", "status": "open", "total": "99.00", "currency": "USD" } ]""");
        Json("/api/orders", "customerId", "C-2", "[]");
        Json("/api/tickets", "customerId", "C-2", "[]");
        Json("/api/tickets", "customerId", "C-3", "[]");
    }

    /// <summary>The number two of the CRM's contacts share (E.164).</summary>
    public const string SharedNumber = "+14155550177";

    public WireMockServer Crm { get; }

    /// <summary>
    /// A screen-pop flow patient enough for a machine busy with other work (a benchmark beside the tests): the first pop
    /// of a fresh hub also pays for compiling the connector, and past the default 800 ms the stub would show as unavailable.
    /// </summary>
    public const string PatientFlowYaml = """
        name: screen-pop
        capability: screenPop
        mode: on
        screenPop: { budgetMs: 10000, systemTimeoutMs: 5000 }
        """;

    public string SystemYaml => $$$"""
        name: crm
        kind: crm
        protocol: rest
        mode: on
        address: {{{Crm.Urls[0]}}}/
        allowPrivateNetworks: true
        operations:
          customer.findByPhone:
            path: /api/contacts
            query: { phone: "{{ phone }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, firstName: $.firstName, lastName: $.lastName, phone: { path: $.phone, type: phone }, email: $.email }
          order.listByCustomer:
            path: /api/orders
            query: { customerId: "{{ customerId }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, number: $.number, status: $.status, total: { path: $.total, type: decimal }, currency: $.currency }
          ticket.listByCustomer:
            path: /api/tickets
            query: { customerId: "{{ customerId }}" }
            response:
              items: $[*]
              fields: { externalId: $.id, subject: $.subject, status: $.status }
        """;

    /// <summary>From now on, the CRM lists these orders for <paramref name="customerId"/>.</summary>
    public void AnswerOrders(string customerId, string json) => Json("/api/orders", "customerId", customerId, json);

    public void Dispose() => Crm.Stop();

    private void Json(string path, string param, string value, string body) =>
        Crm.Given(Request.Create().WithPath(path).WithParam(param, value).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
