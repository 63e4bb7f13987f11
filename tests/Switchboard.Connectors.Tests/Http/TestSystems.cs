using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors.Http;
using Switchboard.Connectors.Tests.Support;
using Switchboard.Testing;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>Systems for the transport tests: fast retries, private networks allowed (the servers are on 127.0.0.1).</summary>
internal static class TestSystems
{
    public const string Name = "demo-crm";

    public static SystemDefinition At(Uri address) => new()
    {
        Name = Name,
        File = "systems/demo-crm.yaml",
        Protocol = SystemProtocol.Rest,
        Address = address.ToString(),
        AddressUri = address,
        AllowPrivateNetworks = true,
        Retry = new RetrySettings { MaxAttempts = 3, BaseDelayMs = 1, MaxDelayMs = 50 },
        Timeouts = new TimeoutSettings { RequestSeconds = 5 },
    };

    public static SystemDefinition At(string address) => At(new Uri(address));

    /// <summary>A WireMock server on a free loopback port (WireMock reports it as localhost; the tests call it as 127.0.0.1).</summary>
    public static WireMockServer StartWireMock() => WireMockServer.Start($"http://127.0.0.1:{TestHub.UnusedPort()}");

    public static SystemDefinition At(WireMockServer server) => At(Address(server));

    public static Uri Address(WireMockServer server) => new($"http://127.0.0.1:{server.Ports[0]}/");

    public static SystemHttpTransport Transport(SystemDefinition system, TimeProvider? time = null, ILoggerFactory? logs = null) =>
        new(system, time ?? TimeProvider.System, logs ?? NullLoggerFactory.Instance);

    public static Func<HttpRequestMessage> Get(SystemDefinition system, string path) =>
        () => new HttpRequestMessage(HttpMethod.Get, new Uri(system.AddressUri!, path));

    public static Task<HttpExchangeResult> GetAsync(this SystemHttpTransport transport, string path, bool retryable = true, OperationTrace? trace = null) =>
        transport.SendAsync("customer.get", Get(transport.System, path), retryable, trace, CancellationToken.None);

    /// <summary>A secret reference to a fresh environment variable holding <paramref name="value"/>.</summary>
    public static SecretReference Secret(string value)
    {
        var name = $"SB_HTTP_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, value);
        return SecretReference.Parse($"${{env:{name}}}");
    }
}
