using System.Net;
using System.Reflection;
using Switchboard.Configuration;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Endpoints;

/// <summary>The page a newcomer opens first: what this hub is, whether it is ready, and where to go next.</summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ConfigurationMonitor configuration) =>
        {
            var current = configuration.Running();
            var name = WebUtility.HtmlEncode(current.Hub.Name);
            var version = WebUtility.HtmlEncode(typeof(HomePage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev");
            var systems = string.Join("", current.Systems.Select(s =>
                $"<tr><td>{WebUtility.HtmlEncode(s.Name)}</td><td>{WebUtility.HtmlEncode(s.Kind.ToString())}</td><td>{WebUtility.HtmlEncode(s.Protocol.ToString())}</td><td>{WebUtility.HtmlEncode(s.Mode.ToString())}</td></tr>"));
            var html = Template
                .Replace("{{name}}", name, StringComparison.Ordinal)
                .Replace("{{version}}", version, StringComparison.Ordinal)
                .Replace("{{systems}}", systems, StringComparison.Ordinal);
            return Results.Content(html, "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{name}} · Switchboard</title>
          <style>
            body { font: 15px/1.5 system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; color: #1d2733; }
            h1 { margin-bottom: .2rem; } .muted { color: #5b6b7c; }
            .status { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; background: #e8edf2; }
            .status.ready { background: #d8f3dc; } .status.not-ready { background: #fde2e1; }
            table { border-collapse: collapse; margin-top: .5rem; } td, th { border-bottom: 1px solid #dde3ea; padding: .3rem .8rem .3rem 0; text-align: left; }
            a { color: #0b5cad; }
          </style>
        </head>
        <body>
          <h1 id="hub-name">{{name}}</h1>
          <div class="muted">Switchboard {{version}}</div>
          <p>Status: <span id="readiness" class="status">checking…</span> <span id="readiness-detail" class="muted"></span></p>
          <h2>Connected systems</h2>
          <table><thead><tr><th>System</th><th>Kind</th><th>Protocol</th><th>Mode</th></tr></thead><tbody id="systems">{{systems}}</tbody></table>
          <h2>Where to go next</h2>
          <ul>
            <li><a href="/scalar">API explorer</a> (send your API key in the <code>X-Api-Key</code> header)</li>
            <li><a href="/openapi/v1.json">OpenAPI document</a></li>
            <li><a href="/health/ready">Readiness</a> · <a href="/health/live">Liveness</a></li>
          </ul>
          <script>
            fetch('/health/ready').then(r => r.json().then(body => ({ ok: r.ok, body }))).then(({ ok, body }) => {
              const el = document.getElementById('readiness');
              el.textContent = ok ? 'ready' : 'not ready';
              el.className = 'status ' + (ok ? 'ready' : 'not-ready');
              const storage = body.checks && body.checks.storage;
              document.getElementById('readiness-detail').textContent = storage ? storage.description : '';
            }).catch(() => { document.getElementById('readiness').textContent = 'unreachable'; });
          </script>
        </body>
        </html>
        """;
}
