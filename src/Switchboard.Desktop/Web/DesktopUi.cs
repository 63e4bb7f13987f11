using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Switchboard.Desktop.Web;

/// <summary>
/// Serves the agent desktop page at <c>/desktop/</c>: one HTML page, its ES modules (desktop.js imports the others),
/// one stylesheet and the vendored SignalR browser client, embedded in this assembly and kept in memory. The page itself is
/// public (it holds no data); everything it shows comes from the session-protected API and hub.
/// </summary>
public static class DesktopUi
{
    public const string Path = "/desktop/";

    // Only our own files and our own origin: a pop that smuggled markup in would still run nothing.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

    private static readonly FrozenDictionary<string, Asset> Assets = Load(
        ("index.html", "text/html; charset=utf-8"),
        ("desktop.js", "text/javascript; charset=utf-8"),
        ("text.js", "text/javascript; charset=utf-8"),
        ("state.js", "text/javascript; charset=utf-8"),
        ("dom.js", "text/javascript; charset=utf-8"),
        ("api.js", "text/javascript; charset=utf-8"),
        ("session.js", "text/javascript; charset=utf-8"),
        ("live.js", "text/javascript; charset=utf-8"),
        ("pop.js", "text/javascript; charset=utf-8"),
        ("records.js", "text/javascript; charset=utf-8"),
        ("wrapup.js", "text/javascript; charset=utf-8"),
        ("desktop.css", "text/css; charset=utf-8"),
        ("signalr.min.js", "text/javascript; charset=utf-8"),
        ("signalr.LICENSE.txt", "text/plain; charset=utf-8"));

    public static IEndpointRouteBuilder MapDesktopUi(this IEndpointRouteBuilder app)
    {
        // Routing treats /desktop and /desktop/ alike; the page's relative links need the slash.
        app.MapGet(Path, (HttpContext context) => context.Request.Path.Value?.EndsWith('/') == true
            ? Serve(context, "index.html")
            : Results.Redirect(Path)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Path + "{file}", (string file, HttpContext context) => Serve(context, file)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time: a hub upgrade must never leave an agent on an old script.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (context.Request.Headers.IfNoneMatch.Any(tag => string.Equals(tag, asset.ETag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load(params (string File, string ContentType)[] files)
    {
        var assembly = typeof(DesktopUi).Assembly;
        return files.ToFrozenDictionary(f => f.File, f =>
        {
            using var stream = assembly.GetManifestResourceStream($"Switchboard.Desktop.Web.{f.File}")
                ?? throw new InvalidOperationException($"the desktop asset {f.File} is not embedded in {assembly.GetName().Name}");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"").ToString();
            return new Asset(content, f.ContentType, etag);
        }, StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
