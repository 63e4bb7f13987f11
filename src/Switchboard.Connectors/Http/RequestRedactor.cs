namespace Switchboard.Connectors.Http;

/// <summary>Shows a request for traces and logs with every secret replaced by ***.</summary>
internal sealed class RequestRedactor(HttpAuthenticator authenticator)
{
    public const string Hidden = "***";

    /// <summary>"GET https://crm.example.com/api/contacts?api_key=***".</summary>
    public string Describe(HttpRequestMessage request) => $"{request.Method.Method} {Uri(request.RequestUri)}";

    public string Uri(Uri? uri)
    {
        if (uri is null)
        {
            return "(no address)";
        }

        var text = uri.AbsoluteUri;
        var parameter = authenticator.SecretParameter;
        var queryStart = text.IndexOf('?', StringComparison.Ordinal);
        if (parameter is null || queryStart < 0)
        {
            return text;
        }

        var fragmentStart = text.IndexOf('#', queryStart);
        var query = fragmentStart < 0 ? text[(queryStart + 1)..] : text[(queryStart + 1)..fragmentStart];
        var parts = query.Split('&').Select(part =>
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = System.Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            return string.Equals(name, parameter, StringComparison.Ordinal) ? $"{part[..(equals < 0 ? part.Length : equals)]}={Hidden}" : part;
        });
        return $"{text[..(queryStart + 1)]}{string.Join('&', parts)}{(fragmentStart < 0 ? string.Empty : text[fragmentStart..])}";
    }

    /// <summary>Request and content headers, secrets hidden.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers(HttpRequestMessage request)
    {
        var headers = request.Headers.AsEnumerable();
        if (request.Content is not null)
        {
            headers = headers.Concat(request.Content.Headers);
        }

        return headers
            .Select(h => KeyValuePair.Create(h.Key, authenticator.SecretHeaders.Contains(h.Key) ? Hidden : string.Join(", ", h.Value)))
            .ToList();
    }
}
