using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.Sync.Tests.Support;

/// <summary>REST systems with a changed-since operation on WireMock (127.0.0.1 only), declared in YAML as a user would.</summary>
public static class ChangeFeeds
{
    public const string Path = "/orders/changed";

    public static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });

    public static string SystemYaml(string name, WireMockServer server, string mode = "on") => $$$"""
        name: {{{name}}}
        kind: erp
        protocol: rest
        mode: {{{mode}}}
        address: {{{server.Urls[0]}}}/
        allowPrivateNetworks: true
        timeouts: { requestSeconds: 10 }
        retry: { maxAttempts: 1 }
        circuitBreaker: { minimumCalls: 100 }
        operations:
          order.listChanged:
            path: {{{Path}}}
            query: { since: "{{ since }}" }
            response:
              items: $.items[*]
              fields:
                externalId: $.no
                status: $.state
                customerExternalId: $.customer
                updatedAt: { path: $.changed, type: dateTime }
        """;

    public static string FlowYaml(int pollSeconds, params string[] systems) => $"""
        name: orders
        capability: orderCapture
        mode: on
        systems: [{string.Join(", ", systems)}]
        changes: {"{"} pollSeconds: {pollSeconds} {"}"}
        """;

    /// <summary>Answers every poll with these changes (order number, state, changed-at).</summary>
    public static void Answer(this WireMockServer server, params (string No, string State, string Changed)[] changes)
    {
        server.ResetMappings();
        var items = string.Join(", ", changes.Select(c => $$"""{ "no": "{{c.No}}", "state": "{{c.State}}", "changed": "{{c.Changed}}" }"""));
        server.Given(Request.Create().WithPath(Path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""{ "items": [{{items}}] }"""));
    }

    public static void Fail(this WireMockServer server)
    {
        server.ResetMappings();
        server.Given(Request.Create().WithPath(Path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody("""{ "error": { "message": "database is down" } }"""));
    }

    /// <summary>The <c>since</c> of every poll that reached the server, in order.</summary>
    public static IReadOnlyList<string?> Sinces(this WireMockServer server) =>
        [.. server.LogEntries
            .Where(e => e.RequestMessage?.Path == Path)
            .OrderBy(e => e.RequestMessage!.DateTime)
            .Select(e => e.RequestMessage!.Query is { } query && query.TryGetValue("since", out var values) ? values.FirstOrDefault() : null)];
}
