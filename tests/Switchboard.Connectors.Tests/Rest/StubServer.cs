using WireMock.Server;
using WireMock.Settings;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Rest;

/// <summary>A WireMock.Net server on 127.0.0.1 only, on a port of its own.</summary>
public static class StubServer
{
    public static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });

    /// <summary>The start of a REST system's YAML pointing at <paramref name="server"/>, with quick retries.</summary>
    public static string SystemYaml(WireMockServer server, string name = "crm", string protocol = "rest", string extra = "") => $"""
        name: {name}
        kind: crm
        protocol: {protocol}
        mode: on
        address: {server.Urls[0]}/
        allowPrivateNetworks: true
        timeouts: {"{"} requestSeconds: 5 {"}"}
        retry: {"{"} maxAttempts: 2, baseDelayMs: 10 {"}"}
        {extra}
        """;
}
