using System.Text;
using Switchboard.Configuration;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Rest;

/// <summary>Renders an operation's path, query, headers, idempotency key and body templates against its arguments.</summary>
internal sealed class RequestRenderer(SystemDefinition system, TemplateEngine templates)
{
    private readonly Uri _address = AddressOf(system);

    // What paths resolve against (the address ending in '/'), built once rather than for every request.
    private readonly Uri _base = WithTrailingSlash(AddressOf(system));

    public RenderedRequest Render(OperationDefinition operation, OperationArguments arguments, string defaultContentType)
    {
        var path = Render(operation, "path", operation.Path ?? string.Empty, arguments);
        var uri = Resolve(operation, path);

        var query = new StringBuilder(uri.Query.Length > 1 ? uri.Query[1..] : string.Empty);
        foreach (var (name, template) in operation.Query)
        {
            var value = Render(operation, $"query.{name}", template, arguments);
            if (value.Length == 0)
            {
                continue;
            }

            query.Append(query.Length == 0 ? string.Empty : "&")
                .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var headers = new List<KeyValuePair<string, string>>();
        string? contentType = null;
        foreach (var (name, template) in operation.Headers)
        {
            var value = Render(operation, $"headers.{name}", template, arguments);
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                headers.Add(KeyValuePair.Create(name, value));
            }
        }

        if (operation.IdempotencyKey is { } idempotency)
        {
            var key = Render(operation, "idempotencyKey.value", idempotency.Value, arguments);
            if (key.Length == 0)
            {
                throw new ConnectorException(system.Name, operation.Name, ConnectorFailureKind.Configuration,
                    $"the idempotency key rendered empty: pass the argument the template '{idempotency.Value}' reads");
            }

            headers.Add(KeyValuePair.Create(idempotency.Header, key));
        }

        var body = operation.Body is null ? null : Render(operation, "body", operation.Body, arguments);
        return new RenderedRequest
        {
            Method = HttpMethod.Parse(operation.Method.ToString().ToUpperInvariant()),
            Uri = query.Length == 0 && uri.Query.Length == 0 ? uri : new UriBuilder(uri) { Query = query.ToString() }.Uri,
            Headers = headers,
            Body = body,
            ContentType = body is null ? null : contentType ?? defaultContentType,
        };
    }

    private Uri Resolve(OperationDefinition operation, string path)
    {
        // Paths are relative to the address, also when written with a leading '/': an address with a
        // base path (https://erp.example.com/odata/v4/) keeps it.
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            throw new ConnectorException(system.Name, operation.Name, ConnectorFailureKind.Configuration,
                $"the path rendered to an absolute URL ({absolute.GetLeftPart(UriPartial.Path)}); paths are relative to the system's address");
        }

        // An operation without a path (a SOAP service has one address) goes to the address itself.
        if (path.Length == 0)
        {
            return _address;
        }

        return Uri.TryCreate(_base, path.TrimStart('/'), out var uri)
            ? uri
            : throw new ConnectorException(system.Name, operation.Name, ConnectorFailureKind.Configuration,
                $"the path rendered to '{path}', which is not a valid relative URL");
    }

    private string Render(OperationDefinition operation, string field, string template, OperationArguments arguments)
    {
        try
        {
            return templates.Compile(template).Render(arguments);
        }
        catch (Exception ex) when (ex is TemplateSyntaxException or TemplateRenderException)
        {
            throw new ConnectorException(system.Name, operation.Name, ConnectorFailureKind.Configuration,
                $"the {field} template failed: {ex.Message}", ex);
        }
    }

    private static Uri AddressOf(SystemDefinition system) =>
        system.AddressUri ?? throw new ArgumentException($"{system.Name} has no HTTP address", nameof(system));

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
}
