using Switchboard.Connectors.Tests.Rest;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Soap;

/// <summary>The SOAP connector against a SOAP 1.1 service written with the npm "soap" package (tests/peers/soap-server.mjs).</summary>
public sealed class SoapConnectorTests : IAsyncLifetime
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private NodeSoapServer? _server;

    public async Task InitializeAsync() => _server = await NodeSoapServer.StartAsync(TestHub.UnusedPort());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private ConnectorHarness Load() => ConnectorHarness.Load($$$"""
        name: crm
        protocol: soap
        mode: on
        address: {{{_server!.Address}}}
        allowPrivateNetworks: true
        soap: { version: "1.1" }
        retry: { maxAttempts: 3, baseDelayMs: 10 }
        operations:
          customer.findByPhone:
            soap: { action: "urn:example:customers/FindCustomers" }
            path: /customers
            body: <c:FindCustomers xmlns:c="urn:example:customers"><c:Phone>{{ phone | phone_e164 | xml_escape }}</c:Phone></c:FindCustomers>
            response:
              namespaces: { c: "urn:example:customers" }
              items: //c:FindCustomersResponse/c:Customer
              fields:
                externalId: c:Id
                displayName: c:Name
                balance: { path: c:Balance, type: decimal }
                createdAt: { path: c:Since, type: dateTime }
          customer.get:
            soap: { action: "urn:example:customers/GetCustomer" }
            path: /customers
            body: <c:GetCustomer xmlns:c="urn:example:customers"><c:Id>{{ externalId | xml_escape }}</c:Id></c:GetCustomer>
            response:
              namespaces: { c: "urn:example:customers" }
              fields:
                externalId: //c:Customer/c:Id
                displayName: //c:Customer/c:Name
        """);

    [Fact]
    public async Task A_search_is_sent_in_an_envelope_with_its_action_and_every_match_maps()
    {
        await using var harness = Load();

        var result = await harness.CallAsync("customer.findByPhone", ("phone", "030 1234567"));

        result.Outcome.ShouldBe(OperationOutcome.Success);
        result.Records.Select(r => r.ToJsonString(Relaxed)).ShouldBe([
            """{"externalId":"C-1","displayName":"Ada & Co","balance":1250.50,"createdAt":"2021-03-04T10:00:00Z"}""",
            """{"externalId":"C-2","displayName":"Grace","balance":0,"createdAt":"2022-01-01T00:00:00Z"}""",
        ]);
    }

    [Fact]
    public async Task A_search_without_matches_is_no_match()
    {
        await using var harness = Load();

        var result = await harness.CallAsync("customer.findByPhone", ("phone", "+4940555"));

        result.Outcome.ShouldBe(OperationOutcome.NoMatch);
    }

    [Fact]
    public async Task A_client_fault_becomes_an_error_with_its_code_and_reason_and_is_not_retried()
    {
        await using var harness = Load();

        var trace = new OperationTrace();

        var ex = await Should.ThrowAsync<ConnectorException>(() =>
            harness.CallAsync("crm", "customer.get", OperationArguments.From(("externalId", "C-404")), trace));

        ex.Message.ShouldBe("crm customer.get: answered 500 Internal Server Error: SOAP fault soap:Client: no customer C-404");
        // A client fault is the request's problem: sending it again cannot help, so it is sent once.
        trace.Exchanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_get_maps_one_record()
    {
        await using var harness = Load();

        var result = await harness.CallAsync("customer.get", ("externalId", "C-1"));

        result.Records.Single().ToJsonString(Relaxed).ShouldBe("""{"externalId":"C-1","displayName":"Ada & Co"}""");
    }
}
