using System.Net.Http.Headers;
using System.Text;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// Puts a system's credentials on each request, just before it is sent: secrets are read then (so a
/// rotated secret is picked up) and never kept on this object. Also knows which header and query
/// parameter carry secrets, so traces can hide them.
/// </summary>
internal sealed class HttpAuthenticator
{
    public const string DefaultApiKeyHeader = "X-Api-Key";
    public const string DefaultApiKeyParameter = "api_key";

    private readonly SystemDefinition _system;
    private readonly OAuthTokenSource? _oauth;

    public HttpAuthenticator(SystemDefinition system, OAuthTokenSource? oauth)
    {
        _system = system;
        _oauth = oauth;
        var auth = system.Auth;
        var secretHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization", "Cookie" };
        if (auth.Type == AuthType.ApiKey && auth.In == ApiKeyLocation.Header)
        {
            secretHeaders.Add(auth.Header ?? DefaultApiKeyHeader);
        }

        if (auth.Type == AuthType.Custom)
        {
            secretHeaders.UnionWith(auth.Headers.Keys);
        }

        SecretHeaders = secretHeaders;
        SecretParameter = auth.Type == AuthType.ApiKey && auth.In == ApiKeyLocation.Query ? auth.Parameter ?? DefaultApiKeyParameter : null;
    }

    /// <summary>Headers whose values are secrets (shown as *** in traces).</summary>
    public IReadOnlySet<string> SecretHeaders { get; }

    /// <summary>The query parameter carrying the api key, if any (shown as *** in traces and logs).</summary>
    public string? SecretParameter { get; }

    /// <summary>Adds the credentials to <paramref name="request"/>; returns the bearer token used, for oauth2.</summary>
    /// <exception cref="ConnectorException">A secret cannot be read (Configuration) or no token could be obtained (Authentication).</exception>
    public async ValueTask<string?> ApplyAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        var auth = _system.Auth;
        switch (auth.Type)
        {
            case AuthType.ApiKey when auth.In == ApiKeyLocation.Query:
                request.RequestUri = WithParameter(request.RequestUri!, SecretParameter!, Resolve(auth.Key, "auth.key", operation));
                return null;
            case AuthType.ApiKey:
                var header = auth.Header ?? DefaultApiKeyHeader;
                request.Headers.Remove(header);
                request.Headers.TryAddWithoutValidation(header, Resolve(auth.Key, "auth.key", operation));
                return null;
            case AuthType.Basic:
                var pair = $"{auth.Username}:{Resolve(auth.Password, "auth.password", operation)}";
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
                return null;
            case AuthType.Custom:
                foreach (var (name, template) in auth.Headers)
                {
                    var value = Guard(operation, () => SecretPlaceholders.Render(name, template, auth.Secrets));
                    request.Headers.Remove(name);
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                return null;
            case AuthType.OAuth2:
                var token = await _oauth!.GetTokenAsync(operation, cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return token;
            default:
                // none, and mtls (the client certificate sits on the connection).
                return null;
        }
    }

    private string Resolve(SecretReference? reference, string field, string operation) =>
        Guard(operation, () => reference?.Resolve() ?? throw new InvalidOperationException($"{field} is not set"));

    private string Guard(string operation, Func<string> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex)
        {
            // The message names the variable or file, never the value.
            throw new ConnectorException(_system.Name, operation, ConnectorFailureKind.Configuration, $"a credential cannot be read: {ex.Message}", ex);
        }
    }

    private static Uri WithParameter(Uri uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        var pair = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        var query = builder.Query.TrimStart('?');
        builder.Query = query.Length == 0 ? pair : $"{query}&{pair}";
        return builder.Uri;
    }
}
