using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Switchboard.Testing;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>API key, basic and custom-header credentials reach the system and never a trace, a log or an error.</summary>
public sealed class CredentialTests : IDisposable
{
    private const string ApiKey = "key-5f1c2a9e-never-shown";
    private readonly WireMockServer _server = TestSystems.StartWireMock();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;

    public CredentialTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
    }

    public void Dispose()
    {
        _server.Stop();
        _loggers.Dispose();
    }

    private SystemDefinition Crm => TestSystems.At(_server);

    [Fact]
    public async Task An_api_key_header_is_sent_and_hidden_in_the_trace()
    {
        var system = Crm with { Auth = new AuthSettings { Type = AuthType.ApiKey, Header = "X-Api-Key", Key = TestSystems.Secret(ApiKey) } };
        var trace = await CallAsync(system);

        Received().Headers!["X-Api-Key"].ShouldBe([ApiKey]);
        trace.Exchanges.Single().RequestHeaders.ShouldContain(new KeyValuePair<string, string>("X-Api-Key", "***"));
        ShouldNotLeak(trace, ApiKey);
    }

    [Fact]
    public async Task An_api_key_query_parameter_is_sent_and_hidden_in_the_trace_and_logs()
    {
        var system = Crm with { Auth = new AuthSettings { Type = AuthType.ApiKey, In = ApiKeyLocation.Query, Parameter = "api_key", Key = TestSystems.Secret(ApiKey) } };
        var trace = await CallAsync(system, "/contacts?phone=%2B4930123");

        Received().Query!["api_key"].ShouldBe([ApiKey]);
        Received().Query!["phone"].ShouldBe(["+4930123"]);
        trace.Exchanges.Single().Request.ShouldBe($"GET {TestSystems.Address(_server)}contacts?phone=%2B4930123&api_key=***");
        ShouldNotLeak(trace, ApiKey);
    }

    [Fact]
    public async Task Basic_credentials_are_sent_and_hidden_in_the_trace()
    {
        const string password = "pa55-w0rd-never-shown";
        var system = Crm with { Auth = new AuthSettings { Type = AuthType.Basic, Username = "hub", Password = TestSystems.Secret(password) } };
        var trace = await CallAsync(system);

        Received().Headers!["Authorization"].ShouldBe([$"Basic {Convert.ToBase64String("hub:pa55-w0rd-never-shown"u8.ToArray())}"]);
        trace.Exchanges.Single().RequestHeaders.ShouldContain(new KeyValuePair<string, string>("Authorization", "***"));
        ShouldNotLeak(trace, password);
        ShouldNotLeak(trace, Convert.ToBase64String("hub:pa55-w0rd-never-shown"u8.ToArray()));
    }

    [Fact]
    public async Task Custom_headers_render_the_declared_secrets_and_are_hidden_in_the_trace()
    {
        const string token = "tok-31337-never-shown";
        var system = Crm with
        {
            Auth = new AuthSettings
            {
                Type = AuthType.Custom,
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["Authorization"] = "Token {{ secrets.token }}",
                    ["X-Tenant"] = "{{secrets.tenant}}/eu",
                },
                Secrets = new Dictionary<string, SecretReference>(StringComparer.Ordinal)
                {
                    ["token"] = TestSystems.Secret(token),
                    ["tenant"] = TestSystems.Secret("acme"),
                },
            },
        };
        var trace = await CallAsync(system);

        Received().Headers!["Authorization"].ShouldBe([$"Token {token}"]);
        Received().Headers!["X-Tenant"].ShouldBe(["acme/eu"]);
        trace.Exchanges.Single().RequestHeaders.ShouldContain(new KeyValuePair<string, string>("X-Tenant", "***"));
        ShouldNotLeak(trace, token);
    }

    [Fact]
    public async Task A_custom_header_naming_an_undeclared_secret_is_a_configuration_error()
    {
        var system = Crm with
        {
            Auth = new AuthSettings
            {
                Type = AuthType.Custom,
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Token {{ secrets.tokn }}" },
                Secrets = new Dictionary<string, SecretReference>(StringComparer.Ordinal) { ["token"] = TestSystems.Secret("t") },
            },
        };
        await using var transport = TestSystems.Transport(system);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Configuration);
        failure.Reason.ShouldBe("a credential cannot be read: the auth header 'Authorization' uses secrets.tokn, which auth.secrets does not declare (declared: token)");
        _server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_secret_names_the_variable_and_sends_nothing()
    {
        var system = Crm with { Auth = new AuthSettings { Type = AuthType.ApiKey, Header = "X-Api-Key", Key = SecretReference.Parse("${env:SB_HTTP_TEST_UNSET_VARIABLE}") } };
        await using var transport = TestSystems.Transport(system);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Configuration);
        failure.Reason.ShouldContain("SB_HTTP_TEST_UNSET_VARIABLE");
        _server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_trace_shows_each_attempt_with_bodies_and_status()
    {
        _server.Reset();
        _server.Given(Request.Create().UsingPost()).InScenario("s").WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(503).WithBody("busy"));
        _server.Given(Request.Create().UsingPost()).InScenario("s").WhenStateIs("ok").RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"id":"c-1"}"""));
        var system = Crm with { Auth = new AuthSettings { Type = AuthType.ApiKey, Header = "X-Api-Key", Key = TestSystems.Secret(ApiKey) } };
        await using var transport = TestSystems.Transport(system, logs: _loggers);
        var trace = new OperationTrace();

        var result = await transport.SendAsync("customer.upsert", () => new HttpRequestMessage(HttpMethod.Post, new Uri(system.AddressUri!, "/contacts"))
        {
            Content = new StringContent("""{"name":"Ada"}""", System.Text.Encoding.UTF8, "application/json"),
        }, true, trace, CancellationToken.None);

        result.Status.ShouldBe(201);
        trace.Exchanges.Count.ShouldBe(2);
        trace.Exchanges[0].ShouldSatisfyAllConditions(
            e => e.Request.ShouldBe($"POST {TestSystems.Address(_server)}contacts"),
            e => e.Attempt.ShouldBe(1),
            e => e.Status.ShouldBe(503),
            e => e.RequestBody.ShouldBe("""{"name":"Ada"}"""),
            e => e.ResponseBody.ShouldBe("busy"),
            e => e.RequestHeaders.ShouldContain(new KeyValuePair<string, string>("Content-Type", "application/json; charset=utf-8")));
        trace.Exchanges[1].ResponseBody.ShouldBe("""{"id":"c-1"}""");
        trace.Exchanges[1].Attempt.ShouldBe(2);
        ShouldNotLeak(trace, ApiKey);
    }

    private async Task<OperationTrace> CallAsync(SystemDefinition system, string path = "/contacts/1")
    {
        await using var transport = TestSystems.Transport(system, logs: _loggers);
        var trace = new OperationTrace();
        (await transport.GetAsync(path, trace: trace)).Status.ShouldBe(200);
        return trace;
    }

    private WireMock.IRequestMessage Received() => _server.LogEntries.Single().RequestMessage!;

    private void ShouldNotLeak(OperationTrace trace, string secret)
    {
        foreach (var exchange in trace.Exchanges)
        {
            exchange.Request.ShouldNotContain(secret);
            exchange.RequestHeaders.ShouldAllBe(h => !h.Value.Contains(secret));
            (exchange.RequestBody ?? string.Empty).ShouldNotContain(secret);
        }

        _logs.Entries.ShouldNotBeEmpty();
        _logs.Entries.ShouldAllBe(e => !e.Message.Contains(secret) && (e.Exception == null || !e.Exception.ToString().Contains(secret)));
    }
}
