using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Switchboard.Configuration;
using Switchboard.Connectors.Http;
using Switchboard.Connectors.Tests.Support;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>A Kestrel server with a certificate from a private CA that requires the hub's client certificate.</summary>
public sealed class MutualTlsTests : IAsyncLifetime, IDisposable
{
    private readonly TestCertificates _certificates = new();
    private TestWebServer? _server;

    private TestWebServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _server = await TestWebServer.StartAsync(
            routes => routes.MapGet("/hello", (HttpContext context) => $"hello {context.Connection.ClientCertificate?.Subject}"),
            https =>
            {
                https.ServerCertificate = _certificates.Server;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                // The server knows the hub's certificate by its thumbprint (it is self-signed).
                https.ClientCertificateValidation = (certificate, _, _) => certificate.Thumbprint == _certificates.Client.Thumbprint;
            });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_pfx_client_certificate_and_the_private_ca_make_the_call_succeed()
    {
        await using var transport = Transport(Mtls(_certificates.ClientPfx, TestSystems.Secret(TestCertificates.ClientPassword)), _certificates.CaPem);

        var result = await transport.GetAsync("/hello");

        result.Status.ShouldBe(200);
        result.Body.ShouldBe("hello CN=switchboard-hub");
    }

    [Fact]
    public async Task A_pem_file_with_certificate_and_key_works_as_the_client_certificate()
    {
        await using var transport = Transport(Mtls(_certificates.ClientPem, null), _certificates.CaPem);

        (await transport.GetAsync("/hello")).Body.ShouldBe("hello CN=switchboard-hub");
    }

    [Fact]
    public async Task Without_a_client_certificate_the_call_fails_as_a_transport_error()
    {
        await using var transport = Transport(AuthSettings.None, _certificates.CaPem, retryOnce: true);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/hello"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Transport);
        failure.Reason.ShouldBe("the connection closed before a complete answer arrived (over TLS this is also how a server refuses a call without a client certificate; use auth type mtls if it requires one)");
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_refused_with_the_reason()
    {
        await using var transport = Transport(Mtls(_certificates.ClientPfx, TestSystems.Secret(TestCertificates.ClientPassword)), _certificates.OtherCaPem, retryOnce: true);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/hello"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Transport);
        failure.Reason.ShouldBe("TLS: the server certificate of 127.0.0.1 is not issued by a CA in tls.caCertificate (PartialChain)");
    }

    [Fact]
    public async Task Without_a_ca_bundle_the_private_ca_is_not_trusted()
    {
        await using var transport = Transport(Mtls(_certificates.ClientPfx, TestSystems.Secret(TestCertificates.ClientPassword)), null, retryOnce: true);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/hello"));

        failure.Reason.ShouldBe("TLS: the server certificate of 127.0.0.1 is not trusted (PartialChain); set tls.caCertificate for demo-crm to its CA bundle");
    }

    [Fact]
    public async Task Insecure_skip_verify_accepts_any_server_certificate()
    {
        await using var transport = TestSystems.Transport(TestSystems.At(Server.BaseAddress) with
        {
            Auth = Mtls(_certificates.ClientPfx, TestSystems.Secret(TestCertificates.ClientPassword)),
            Tls = new TlsSettings { InsecureSkipVerify = true },
        });

        (await transport.GetAsync("/hello")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_client_certificate_with_the_wrong_password_is_a_configuration_error()
    {
        await using var transport = Transport(Mtls(_certificates.ClientPfx, TestSystems.Secret("not-the-password")), _certificates.CaPem);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/hello"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Configuration);
        failure.Reason.ShouldStartWith($"the client certificate {_certificates.ClientPfx} cannot be loaded (");
        failure.Reason.ShouldNotContain("not-the-password");
    }

    private static AuthSettings Mtls(string certificate, SecretReference? password) =>
        new() { Type = AuthType.Mtls, Certificate = certificate, CertificatePassword = password };

    private SystemHttpTransport Transport(AuthSettings auth, string? caBundle, bool retryOnce = false) =>
        TestSystems.Transport(TestSystems.At(Server.BaseAddress) with
        {
            Auth = auth,
            Tls = new TlsSettings { CaCertificate = caBundle },
            Retry = retryOnce ? new RetrySettings { MaxAttempts = 1 } : new RetrySettings { MaxAttempts = 3, BaseDelayMs = 1, MaxDelayMs = 10 },
        });
}
