using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Mapping.Templates;

namespace Switchboard.ScreenPop.Links;

/// <summary>
/// Renders the address of a customer, order or ticket in the system that holds it, from the system's <c>links</c>
/// templates. A template reads the item's mapped fields (<c>externalId</c>, <c>number</c>, ...), <c>id</c> (the item's
/// id in that system) and <c>system</c>. Only absolute http(s) results are kept; a render that fails gives no link
/// (logged), never a failed pop.
/// </summary>
internal sealed class ItemLinks(TemplateEngine templates, ILogger logger)
{
    public string? Url(SystemDefinition? system, string kind, string id, JsonObject? fields)
    {
        if (system?.Links.For(kind) is not { } template)
        {
            return null;
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (fields is not null)
        {
            foreach (var (name, value) in fields)
            {
                values[name] = value;
            }
        }

        values["id"] = id;
        values["system"] = system.Name;
        string url;
        try
        {
            url = templates.Compile(template).Render(values).Trim();
        }
        catch (Exception ex) when (ex is TemplateRenderException or TemplateSyntaxException)
        {
            PopLog.LinkFailed(logger, system.Name, kind, id, ex.Message);
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            PopLog.LinkFailed(logger, system.Name, kind, id, $"'{url}' is not an absolute http or https address");
            return null;
        }

        return url;
    }
}
