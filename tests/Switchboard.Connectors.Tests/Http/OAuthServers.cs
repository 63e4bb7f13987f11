namespace Switchboard.Connectors.Tests.Http;

/// <summary>One oidc-provider and one protected API for all OAuth tests.</summary>
public sealed class OAuthServers : IAsyncLifetime
{
    private OidcProviderServer? _provider;
    private ProtectedApi? _api;

    public OidcProviderServer Provider => _provider ?? throw new InvalidOperationException("Not started.");

    public ProtectedApi Api => _api ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _provider = await OidcProviderServer.StartAsync();
        _api = await ProtectedApi.StartAsync(_provider);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
