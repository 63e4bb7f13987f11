using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchboard.Configuration;
using Switchboard.Connectors.Http;
using Switchboard.Connectors.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Http;

public sealed class SafetyTests : IDisposable
{
    private readonly WireMockServer _server = TestSystems.StartWireMock();

    public void Dispose() => _server.Stop();

    private SystemDefinition Crm => TestSystems.At(_server);

    private int Calls => _server.LogEntries.Count();

    [Fact]
    public async Task A_request_to_a_host_outside_the_allow_list_is_refused_before_it_is_sent()
    {
        await using var transport = TestSystems.Transport(Crm with { AllowedHosts = ["127.0.0.1", "*.crm.example.com"] });

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.SendAsync(
            "customer.get", () => new HttpRequestMessage(HttpMethod.Get, "https://evil.example/x"), true, null, CancellationToken.None));

        failure.Kind.ShouldBe(ConnectorFailureKind.Safety);
        failure.Message.ShouldBe("demo-crm customer.get: https://evil.example/x is not an allowed host for demo-crm (allowed: 127.0.0.1, *.crm.example.com)");
    }

    [Fact]
    public async Task Without_allowed_hosts_only_the_address_host_is_allowed()
    {
        await using var transport = TestSystems.Transport(Crm);

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.SendAsync(
            "customer.get", () => new HttpRequestMessage(HttpMethod.Get, "http://localhost:1/x"), true, null, CancellationToken.None));

        failure.Reason.ShouldBe("http://localhost:1/x is not an allowed host for demo-crm (allowed: 127.0.0.1)");
    }

    [Theory]
    [InlineData("https://crm.example.com/api", true)]
    [InlineData("https://CRM.example.com/api", true)]
    [InlineData("https://eu.api.example.com/v2", true)]
    [InlineData("https://login.example.net/oauth2/token", true)]
    [InlineData("https://api.example.com/v2", false)]
    [InlineData("https://crm.example.com.evil.example/", false)]
    [InlineData("https://evilcrm.example.com/", false)]
    public void Allowed_hosts_match_exactly_or_by_subdomain_wildcard_and_include_the_token_endpoint(string uri, bool allowed)
    {
        var system = TestSystems.At("https://crm.example.com/") with
        {
            AllowedHosts = ["crm.example.com", "*.api.example.com"],
            Auth = new AuthSettings { Type = AuthType.OAuth2, TokenUrl = new Uri("https://login.example.net/oauth2/token") },
        };
        var hosts = new HostAllowList(system, system.Auth.TokenUrl);

        var refusal = hosts.Refusal(new Uri(uri), new RequestRedactor(new HttpAuthenticator(system, null)));

        (refusal is null).ShouldBe(allowed);
    }

    [Fact]
    public async Task A_private_address_is_refused_unless_the_system_allows_private_networks()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        await using var transport = TestSystems.Transport(Crm with { AllowPrivateNetworks = false });

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Safety);
        failure.Reason.ShouldBe("127.0.0.1 is a private address; set allowPrivateNetworks: true for demo-crm to allow it");
        failure.Attempts.ShouldBe(1);
        Calls.ShouldBe(0);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_a_private_address_is_refused_after_resolution()
    {
        var port = _server.Ports[0];
        await using var transport = TestSystems.Transport(TestSystems.At($"http://localhost:{port}/") with { AllowPrivateNetworks = false });

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Safety);
        failure.Reason.ShouldEndWith(" is a private address; set allowPrivateNetworks: true for demo-crm to allow it");
        Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.20.30.40", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.128.0.1", false)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Private_ranges_are_recognised(string address, bool isPrivate) =>
        AddressGuard.IsPrivate(IPAddress.Parse(address)).ShouldBe(isPrivate);

    [Fact]
    public async Task A_redirect_is_returned_to_the_caller_and_not_followed()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "https://other.example/"));
        await using var transport = TestSystems.Transport(Crm);

        var result = await transport.GetAsync("/contacts/1");

        result.Status.ShouldBe(302);
        result.Headers.Location.ShouldBe(new Uri("https://other.example/"));
        Calls.ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_declared_larger_than_the_limit_is_refused()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(new string('x', 2000)));
        await using var transport = TestSystems.Transport(Crm with { MaxResponseBytes = 1024 });

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Response);
        failure.Reason.ShouldBe("the answer is larger than 1024 bytes");
        failure.Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_streamed_answer_is_cut_off_at_the_limit()
    {
        await using var web = await TestWebServer.StartAsync(routes => routes.MapGet("/stream", async (HttpContext context) =>
        {
            // No Content-Length: the limit must be enforced while reading.
            for (var i = 0; i < 64; i++)
            {
                await context.Response.WriteAsync(new string('y', 512), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }));
        await using var transport = TestSystems.Transport(TestSystems.At(web.BaseAddress) with { MaxResponseBytes = 4096 });

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/stream"));

        failure.Reason.ShouldBe("the answer is larger than 4096 bytes");
    }

    [Fact]
    public async Task An_answer_within_the_limit_is_read_in_its_charset()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "text/plain; charset=iso-8859-1")
            .WithBody(System.Text.Encoding.Latin1.GetBytes("Müller")));
        await using var transport = TestSystems.Transport(Crm);

        var result = await transport.GetAsync("/contacts/1");

        result.Body.ShouldBe("Müller");
        result.ContentType.ShouldBe("text/plain; charset=iso-8859-1");
    }

    [Fact]
    public void Full_jitter_stays_between_zero_and_the_capped_exponential()
    {
        var retry = new RetrySettings { BaseDelayMs = 100, MaxDelayMs = 1000, HonourRetryAfter = true };

        for (var i = 0; i < 200; i++)
        {
            HttpResilience.Delay(retry, 0, null).ShouldBeInRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
            HttpResilience.Delay(retry, 2, null).ShouldBeInRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(400));
            HttpResilience.Delay(retry, 10, null).ShouldBeInRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(1000));
        }

        HttpResilience.Delay(retry, 0, TimeSpan.FromMilliseconds(700)).ShouldBe(TimeSpan.FromMilliseconds(700));
        HttpResilience.Delay(retry, 0, TimeSpan.FromHours(1)).ShouldBe(TimeSpan.FromMilliseconds(1000));
        HttpResilience.Delay(retry with { HonourRetryAfter = false }, 0, TimeSpan.FromHours(1)).ShouldBeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_an_http_date()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage();
        date.Headers.TryAddWithoutValidation("Retry-After", "Mon, 02 Mar 2026 09:00:30 GMT");
        using var none = new HttpResponseMessage();

        HttpResilience.RetryAfter(seconds.Headers, now).ShouldBe(TimeSpan.FromSeconds(7));
        HttpResilience.RetryAfter(date.Headers, now).ShouldBe(TimeSpan.FromSeconds(30));
        HttpResilience.RetryAfter(none.Headers, now).ShouldBeNull();
    }
}
