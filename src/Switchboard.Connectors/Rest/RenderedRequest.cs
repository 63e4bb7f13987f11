namespace Switchboard.Connectors.Rest;

/// <summary>An operation's request after its templates rendered: everything but the transport's own headers (auth).</summary>
internal sealed record RenderedRequest
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string? Body { get; init; }

    /// <summary>The body's media type with parameters, e.g. <c>application/json; charset=utf-8</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>A copy whose query has <paramref name="name"/> set to <paramref name="value"/> (for paging).</summary>
    public RenderedRequest WithQuery(string name, string value)
    {
        var builder = new UriBuilder(Uri);
        var pair = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        var pairs = (builder.Query.Length > 1 ? builder.Query[1..] : string.Empty)
            .Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = pairs.FindIndex(p => string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), name, StringComparison.Ordinal));
        if (index >= 0)
        {
            pairs[index] = pair;
        }
        else
        {
            pairs.Add(pair);
        }

        builder.Query = string.Join('&', pairs);
        return this with { Uri = builder.Uri };
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Uri);
        if (Body is not null)
        {
            var content = new StringContent(Body, System.Text.Encoding.UTF8);
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType ?? "application/json; charset=utf-8");
            message.Content = content;
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
