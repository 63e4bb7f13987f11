using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 §4.4) with client_secret_basic. The token is cached until
/// shortly before it expires (60 s, or a tenth of its lifetime when that is shorter); concurrent
/// callers wait for one refresh rather than each fetching their own.
/// </summary>
internal sealed class OAuthTokenSource(SystemDefinition system, HttpClient client, ServerCertificateTrust trust, TimeProvider time, ILogger logger) : IDisposable
{
    private const int MaxTokenAnswerBytes = 64 * 1024;
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(60);

    // Used when the server leaves expires_in out (RFC 6749 makes it optional): short, so a
    // token that expired earlier is replaced soon; a 401 replaces it at once anyway.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Uri _tokenUrl = system.Auth.TokenUrl ?? throw new ArgumentException($"{system.Name}: auth oauth2 has no tokenUrl", nameof(system));
    private CachedToken? _token;

    public Uri TokenUrl => _tokenUrl;

    public async ValueTask<string> GetTokenAsync(string operation, CancellationToken cancellationToken)
    {
        if (Current() is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (Current() is { } refreshed)
            {
                return refreshed;
            }

            var token = await FetchAsync(operation, cancellationToken);
            Volatile.Write(ref _token, token);
            return token.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The system refused <paramref name="token"/>: drop it, unless a newer one replaced it already.</summary>
    public void Invalidate(string token)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null && string.Equals(current.Value, token, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _token, null, current);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Current()
    {
        var token = Volatile.Read(ref _token);
        return token is not null && time.GetUtcNow() < token.RefreshAt ? token.Value : null;
    }

    private async Task<CachedToken> FetchAsync(string operation, CancellationToken cancellationToken)
    {
        var auth = system.Auth;
        string secret;
        try
        {
            secret = auth.ClientSecret?.Resolve() ?? throw new InvalidOperationException("auth.clientSecret is not set");
        }
        catch (InvalidOperationException ex)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration, $"the OAuth client secret cannot be read: {ex.Message}", ex);
        }

        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(auth.Scope))
        {
            form.Add(new("scope", auth.Scope));
        }

        if (!string.IsNullOrWhiteSpace(auth.Resource))
        {
            form.Add(new("resource", auth.Resource));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
        var credentials = $"{Uri.EscapeDataString(auth.ClientId ?? string.Empty)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var timeout = new CancellationTokenSource(system.Timeouts.Request, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int status;
        string? body;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            body = await BoundedBody.ReadAsync(response, MaxTokenAnswerBytes, linked.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw Fail(operation, ConnectorFailureKind.Timeout,
                $"the token endpoint {_tokenUrl} gave no answer within {HttpFailures.Seconds(system.Timeouts.Request)} s", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var (kind, reason) = HttpFailures.Describe(ex, () => trust.TakeRefusal(_tokenUrl.IdnHost));
            throw Fail(operation, kind, $"the token endpoint {_tokenUrl} could not be reached: {reason}", ex);
        }

        if (body is null)
        {
            throw Fail(operation, ConnectorFailureKind.Authentication, $"the token endpoint {_tokenUrl} answered with more than {MaxTokenAnswerBytes} bytes");
        }

        return Parse(operation, status, body);
    }

    private CachedToken Parse(string operation, int status, string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Fail(operation, ConnectorFailureKind.Authentication,
                $"the token endpoint {_tokenUrl} answered {status} with a body that is not JSON");
        }

        if (status is < 200 or > 299)
        {
            var error = Text(root, "error") ?? "no error code";
            var description = Text(root, "error_description");
            throw Fail(operation, ConnectorFailureKind.Authentication,
                $"the token endpoint {_tokenUrl} refused the client credentials with {status} {error}{(description is null ? string.Empty : $": {description}")}");
        }

        var value = Text(root, "access_token");
        if (string.IsNullOrEmpty(value))
        {
            throw Fail(operation, ConnectorFailureKind.Authentication, $"the token endpoint {_tokenUrl} answered {status} without an access_token");
        }

        var tokenType = Text(root, "token_type");
        if (tokenType is not null && !tokenType.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(operation, ConnectorFailureKind.Authentication, $"the token endpoint {_tokenUrl} issued a token of type '{tokenType}'; only Bearer tokens are supported");
        }

        var lifetime = ExpiresIn(root) ?? AssumedLifetime;
        var margin = TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, lifetime.Ticks / 10));
        HttpTransportLog.TokenFetched(logger, system.Name, _tokenUrl.ToString(), lifetime.TotalSeconds);
        return new CachedToken(value, time.GetUtcNow() + lifetime - margin);
    }

    private static TimeSpan? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var element))
        {
            return null;
        }

        // Some servers send the number as a string.
        var seconds = element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDouble(out var number) => number,
            JsonValueKind.String when double.TryParse(element.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            _ => -1,
        };
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private ConnectorException Fail(string operation, ConnectorFailureKind kind, string reason, Exception? inner = null) =>
        new(system.Name, operation, kind, reason, inner);

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
