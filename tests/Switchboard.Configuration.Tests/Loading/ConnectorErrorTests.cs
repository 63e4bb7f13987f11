using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

/// <summary>Bad system settings (safety, TLS, SOAP, resilience) and bad outbound auth, each with its exact message.</summary>
public sealed class ConnectorErrorTests : IDisposable
{
    private const string Crm = "name: crm\nprotocol: rest\naddress: https://crm.example.com/\n";

    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Theory]
    [InlineData("maxResponseBytes: 100", "4:19: maxResponseBytes: '100' is not between 1024 and 1073741824")]
    [InlineData("maxResponseBytes: 2147483648", "4:19: maxResponseBytes: '2147483648' is not between 1024 and 1073741824")]
    [InlineData("allowPrivateNetworks: yes-please", "4:23: allowPrivateNetworks: 'yes-please' is not true or false")]
    [InlineData("retry: { retryOn: [429, 42] }", "4:25: retry.retryOn[1]: '42' is not an HTTP status (100 .. 599)")]
    [InlineData("retry: { retryOn: 600 }", "4:19: retry.retryOn: '600' is not an HTTP status (100 .. 599)")]
    [InlineData("retry:\n  baseDelayMs: 500\n  maxDelayMs: 100", "6:15: retry.maxDelayMs: '100' is less than retry.baseDelayMs (500)")]
    [InlineData("retry: { maxDelayMs: 700000 }", "4:22: retry.maxDelayMs: '700000' is not between 0 and 600000")]
    [InlineData("retry: { honourRetryAfter: sometimes }", "4:28: retry.honourRetryAfter: 'sometimes' is not true or false")]
    [InlineData("circuitBreaker: { minimumCalls: 1 }", "4:33: circuitBreaker.minimumCalls: '1' is not between 2 and 10000")]
    [InlineData("circuitBreaker: { samplingSeconds: 7200 }", "4:36: circuitBreaker.samplingSeconds: '7200' is not between 1 and 3600")]
    [InlineData("rateLimit: { perSecond: 5, burst: 0 }", "4:35: rateLimit.burst: '0' is not between 1 and 100000")]
    [InlineData("rateLimit: { perSecond: 5, maxWaitSeconds: 301 }", "4:44: rateLimit.maxWaitSeconds: '301' is not between 0 and 300")]
    [InlineData("soap: { version: \"1.2\" }", "4:1: soap: is only used by protocol soap (this system's protocol is rest)")]
    [InlineData("tls: { insecureSkipVerify: maybe }", "4:28: tls.insecureSkipVerify: 'maybe' is not true or false")]
    [InlineData("tls: { caFile: ca.pem }", "4:8: tls.caFile: unknown field 'caFile'")]
    [InlineData("auth: { type: apiKey, in: query, key: \"${env:K}\" }",
        "4:7: auth.parameter: is required for in: query (the query parameter that carries the key, like api_key)")]
    [InlineData("auth: { type: apiKey, parameter: api_key, key: \"${env:K}\" }",
        "4:23: auth.parameter: is only used with in: query (this key is sent in: header)")]
    [InlineData("auth: { type: apiKey, in: cookie, key: \"${env:K}\" }", "4:27: auth.in: 'cookie' is not one of header, query")]
    [InlineData("auth: { type: apiKey, header: X Api Key, key: \"${env:K}\" }", "4:31: auth.header: 'X Api Key' is not a valid HTTP header name")]
    [InlineData("auth: { type: basic, username: u, password: \"${env:P}\", resource: api }",
        "4:57: auth.resource: is not used by auth type basic (it uses username, password)")]
    [InlineData("auth:\n  type: custom\n  headers: { Authorization: \"Token {{ secrets.tokn }}\" }\n  secrets: { token: \"${env:CRM_TOKEN}\" }",
        "6:29: auth.headers.Authorization: 'Token {{ secrets.tokn }}' uses secrets.tokn, which is not declared under auth.secrets; did you mean 'token'? (declared: token)")]
    [InlineData("auth:\n  type: custom\n  headers: { Authorization: \"Bearer {{ secrets.token }}\" }",
        "6:29: auth.headers.Authorization: 'Bearer {{ secrets.token }}' uses secrets.token, which is not declared under auth.secrets (none are declared)")]
    [InlineData("auth:\n  type: custom\n  headers: { Authorization: \"Token {{ secrets.token }}\" }\n  secrets: { token: \"${env:A}\", api-key: \"${env:B}\" }",
        "7:33: auth.secrets.api-key: 'api-key' is not a valid secret name: use letters, digits and '_', not starting with a digit (templates write secrets.NAME)")]
    [InlineData("auth:\n  type: custom\n  secrets: { token: \"${env:A}\" }",
        "5:3: auth.headers: is required for auth type custom: header name to a template, like Authorization: \"Token {{ secrets.token }}\"")]
    [InlineData("auth:\n  type: custom\n  headers: { Authorization: \"Token {{ secrets.token | base64 }}\" }\n  secrets: { token: \"${env:A}\" }",
        "6:29: auth.headers.Authorization: 'Token {{ secrets.token | base64 }}' uses the unknown filter 'base64'")]
    public void A_bad_system_setting_is_reported_where_it_is_written(string yaml, string expected)
    {
        _config.Write("systems/crm.yaml", Crm + yaml);

        _config.SingleError().ToString().ShouldBe("systems/crm.yaml:" + expected);
    }

    [Theory]
    [InlineData("name: erp\nprotocol: soap\naddress: https://erp.example.com/soap\nsoap: { version: \"1.3\" }",
        "systems/x.yaml:4:18: soap.version: '1.3' is not one of 1.1, 1.2")]
    [InlineData("name: db\nprotocol: sql\naddress: ${env:DB}\ntls: { insecureSkipVerify: true }",
        "systems/x.yaml:4:1: tls: is only used by protocols rest, soap and amqp (this system's protocol is sql)")]
    public void Sections_of_other_protocols_are_refused(string yaml, string expected)
    {
        _config.Write("systems/x.yaml", yaml);

        _config.SingleError().ToString().ShouldBe(expected);
    }

    [Fact]
    public void An_inline_secret_in_custom_auth_is_refused_without_echoing_it()
    {
        _config.Write("systems/crm.yaml", Crm + """
            auth:
              type: custom
              headers: { Authorization: "Token {{ secrets.token }}" }
              secrets: { token: abc123-do-not-print }
            """);

        var error = _config.SingleError();

        error.ShouldBeAt("systems/crm.yaml", 7, 21, "auth.secrets.token", null, "secrets must be references like ${env:NAME} so they never sit in files");
        error.ToString().ShouldNotContain("abc123");
    }

    [Fact]
    public void A_missing_ca_file_names_the_full_path_looked_for()
    {
        _config.Write("systems/crm.yaml", Crm + "tls: { caCertificate: certs/ca.pem }");

        _config.SingleError().ToString().ShouldBe(
            $"systems/crm.yaml:4:23: tls.caCertificate: 'certs/ca.pem' is not a file that exists (looked for {Path.Combine(_config.Path, "certs", "ca.pem")})");
    }

    [Fact]
    public void A_missing_client_certificate_names_the_full_path_looked_for()
    {
        _config.Write("systems/crm.yaml", Crm + "auth: { type: mtls, certificate: certs/client.pfx }");

        _config.SingleError().ToString().ShouldBe(
            $"systems/crm.yaml:4:34: auth.certificate: 'certs/client.pfx' is not a file that exists (looked for {Path.Combine(_config.Path, "certs", "client.pfx")})");
    }

    [Fact]
    public void Every_bad_system_setting_is_reported_at_once_in_file_order()
    {
        _config.Write("systems/crm.yaml", Crm + """
            maxResponseBytes: 10
            retry: { baseDelayMs: 100, maxDelayMs: 50, retryOn: [42] }
            auth: { type: apiKey, in: query, key: plain-text }
            """);

        _config.Load().Errors.Select(e => e.ToString()).ShouldBe([
            "systems/crm.yaml:4:19: maxResponseBytes: '10' is not between 1024 and 1073741824",
            "systems/crm.yaml:5:40: retry.maxDelayMs: '50' is less than retry.baseDelayMs (100)",
            "systems/crm.yaml:5:54: retry.retryOn[0]: '42' is not an HTTP status (100 .. 599)",
            "systems/crm.yaml:6:7: auth.parameter: is required for in: query (the query parameter that carries the key, like api_key)",
            "systems/crm.yaml:6:39: auth.key: secrets must be references like ${env:NAME} so they never sit in files",
        ]);
    }
}
