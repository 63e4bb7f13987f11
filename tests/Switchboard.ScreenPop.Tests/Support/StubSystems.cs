using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.ScreenPop.Tests.Support;

/// <summary>
/// Two business systems on WireMock (127.0.0.1 only): a CRM holding contacts and tickets, an ERP
/// holding customers and orders, each declared in YAML as a user would connect them.
/// </summary>
public static class StubSystems
{
    public static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });

    private static string Head(WireMockServer server, string name, string kind) => $"""
        name: {name}
        kind: {kind}
        protocol: rest
        mode: on
        address: {server.Urls[0]}/
        allowPrivateNetworks: true
        timeouts: {"{"} requestSeconds: 10 {"}"}
        retry: {"{"} maxAttempts: 1 {"}"}
        """;

    /// <summary>The CRM: phones mapped as they are (the pop normalizes them), a 404 means no match.</summary>
    public static string CrmYaml(WireMockServer server, string name = "crm") => Head(server, name, "crm") + """

        operations:
          customer.findByPhone:
            path: /contacts
            query: { phone: "{{ phone }}" }
            statuses: { 404: noMatch }
            response:
              items: $.contacts[*]
              fields:
                externalId: $.id
                firstName: $.firstName
                lastName: $.lastName
                company: $.account
                phone: $.phone
                mobilePhone: $.mobile
                email: $.email
                language: $.lang
          customer.get:
            path: /contacts/{{ externalId | url_encode }}
            statuses: { 404: noMatch }
            response:
              fields:
                externalId: $.id
                firstName: $.firstName
                lastName: $.lastName
                company: $.account
                phone: $.phone
                email: $.email
          ticket.listByCustomer:
            path: /contacts/{{ customerId | url_encode }}/cases
            statuses: { 404: noMatch }
            response:
              items: $.cases[*]
              fields:
                externalId: $.number
                subject: $.subject
                status: $.status
                priority: $.priority
                createdAt: $.opened
          ticket.get:
            path: /cases/{{ ticketNo | url_encode }}
            statuses: { 404: noMatch }
            response:
              fields:
                externalId: $.number
                customerId: $.contactId
                subject: $.subject
                status: $.status
        """;

    /// <summary>The ERP: phones typed as phone (E.164 from the mapping), orders with decimal totals.</summary>
    public static string ErpYaml(WireMockServer server, string name = "erp") => Head(server, name, "erp") + """

        operations:
          customer.findByPhone:
            path: /api/customers
            query: { tel: "{{ phone | phone_e164 }}" }
            statuses: { 404: noMatch }
            response:
              items: $.items[*]
              fields:
                externalId: $.no
                displayName: $.name
                phone: { path: $.tel, type: phone }
                email: $.mail
          customer.get:
            path: /api/customers/{{ externalId | url_encode }}
            statuses: { 404: noMatch }
            response:
              fields:
                externalId: $.no
                displayName: $.name
                phone: { path: $.tel, type: phone }
                email: $.mail
          order.listByCustomer:
            path: /api/orders
            query: { customer: "{{ customerId }}" }
            statuses: { 404: noMatch }
            response:
              items: $.items[*]
              fields:
                externalId: $.no
                number: $.no
                customerId: $.customer
                status: $.state
                total: { path: $.total, type: decimal }
                currency: $.currency
                createdAt: $.created
          order.get:
            path: /api/orders/{{ orderNo | url_encode }}
            statuses: { 404: noMatch }
            response:
              fields:
                externalId: $.no
                number: $.no
                customerId: $.customer
                status: $.state
                total: { path: $.total, type: decimal }
                currency: $.currency
                createdAt: $.created
        """;

    /// <summary>Answers GET <paramref name="path"/> (with the query parameter, when given) with JSON.</summary>
    public static void Answer(this WireMockServer server, string path, string json, (string Name, string Value)? query = null, int delayMs = 0, int status = 200)
    {
        var request = Request.Create().WithPath(path).UsingGet();
        if (query is { } q)
        {
            request = request.WithParam(q.Name, q.Value);
        }

        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json);
        if (delayMs > 0)
        {
            response = response.WithDelay(TimeSpan.FromMilliseconds(delayMs));
        }

        server.Given(request).RespondWith(response);
    }

    /// <summary>
    /// Answers like <see cref="Answer"/>, but each request sets <paramref name="received"/> and its answer waits (at most
    /// 10 s) until <paramref name="release"/> is set: a test acts while the request is known to be in flight.
    /// </summary>
    public static void AnswerWhenReleased(
        this WireMockServer server, string path, string json, (string Name, string Value) query, ManualResetEventSlim received, ManualResetEventSlim release)
    {
        server.Given(Request.Create().WithPath(path).UsingGet().WithParam(query.Name, query.Value))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(_ =>
            {
                received.Set();
                release.Wait(TimeSpan.FromSeconds(10));
                return json;
            }));
    }

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public static int Calls(this WireMockServer server, string path) =>
        server.LogEntries.Count(e => string.Equals(e.RequestMessage?.Path, path, StringComparison.Ordinal));
}
