using Switchboard.Configuration;
using Switchboard.Connectors.Http;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>OAuth 2.0 client credentials against oidc-provider, with a protected API that introspects every token.</summary>
public sealed class OAuthClientCredentialsTests(OAuthServers servers) : IClassFixture<OAuthServers>
{
    private const string Client = "switchboard";
    private const string ShortLivedClient = "short-lived";

    [Fact]
    public async Task Concurrent_calls_share_one_token()
    {
        await using var transport = Transport(Client, "switchboard-secret");
        var before = await servers.Provider.IssuedAsync(Client);
        var seen = servers.Api.Received.Count;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => transport.GetAsync("/api/me")));

        results.ShouldAllBe(r => r.Status == 200 && r.Body == """{"client":"switchboard"}""");
        (await servers.Provider.IssuedAsync(Client)).ShouldBe(before + 1);
        servers.Api.Received.Skip(seen).Select(r => r.Token).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task An_expiring_token_is_replaced_before_the_system_would_refuse_it()
    {
        await using var transport = Transport(ShortLivedClient, "short-lived-secret", scope: null);
        var before = await servers.Provider.IssuedAsync(ShortLivedClient);
        var seen = servers.Api.Received.Count;

        (await transport.GetAsync("/api/me")).Status.ShouldBe(200);
        (await servers.Provider.IssuedAsync(ShortLivedClient)).ShouldBe(before + 1);

        await Task.Delay(TimeSpan.FromSeconds(OidcProviderServer.ShortTtlSeconds) + TimeSpan.FromMilliseconds(100));
        var result = await transport.GetAsync("/api/me");

        result.Status.ShouldBe(200);
        result.Attempts.ShouldBe(1);
        (await servers.Provider.IssuedAsync(ShortLivedClient)).ShouldBe(before + 2);
        var received = servers.Api.Received.Skip(seen).ToList();
        received.ShouldAllBe(r => r.Accepted);
        received.Select(r => r.Token).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_revoked_token_is_refreshed_once_and_the_call_succeeds()
    {
        await using var transport = Transport(Client, "switchboard-secret");
        (await transport.GetAsync("/api/me")).Status.ShouldBe(200);
        var revoked = servers.Api.Received.Last().Token;
        await servers.Provider.RevokeAsync(revoked, Client, "switchboard-secret");
        var before = await servers.Provider.IssuedAsync(Client);
        var trace = new OperationTrace();

        var result = await transport.GetAsync("/api/me", trace: trace);

        result.Status.ShouldBe(200);
        result.Attempts.ShouldBe(2);
        trace.Exchanges.Select(e => e.Status).ShouldBe([401, 200]);
        trace.Exchanges.ShouldAllBe(e => e.RequestHeaders.Contains(new KeyValuePair<string, string>("Authorization", "***")));
        (await servers.Provider.IssuedAsync(Client)).ShouldBe(before + 1);
        servers.Api.Received.Last().Token.ShouldNotBe(revoked);
    }

    [Fact]
    public async Task A_system_that_keeps_refusing_gets_one_refresh_and_its_401_is_returned()
    {
        await using var transport = Transport(Client, "switchboard-secret");
        var before = await servers.Provider.IssuedAsync(Client);

        var result = await transport.GetAsync("/api/always-401");

        result.Status.ShouldBe(401);
        result.Attempts.ShouldBe(2);
        (await servers.Provider.IssuedAsync(Client)).ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_naming_the_oauth_error_but_not_the_secret()
    {
        const string wrongSecret = "wrong-secret-4e2b";
        await using var transport = Transport(Client, wrongSecret);
        var seen = servers.Api.Received.Count;

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/api/me"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Authentication);
        failure.Reason.ShouldBe($"the token endpoint {servers.Provider.TokenUrl} refused the client credentials with 401 invalid_client: client authentication failed");
        failure.ToString().ShouldNotContain(wrongSecret);
        servers.Api.Received.Count.ShouldBe(seen);
    }

    private SystemHttpTransport Transport(string clientId, string secret, string? scope = "crm.read") =>
        TestSystems.Transport(TestSystems.At(servers.Api.BaseAddress) with
        {
            Auth = new AuthSettings
            {
                Type = AuthType.OAuth2,
                TokenUrl = servers.Provider.TokenUrl,
                ClientId = clientId,
                ClientSecret = TestSystems.Secret(secret),
                Scope = scope,
            },
        });
}
