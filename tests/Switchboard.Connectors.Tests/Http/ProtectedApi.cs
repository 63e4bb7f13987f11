using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchboard.Connectors.Tests.Support;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>
/// The system the hub calls with its OAuth token: every request's bearer token is checked at the
/// authorization server's introspection endpoint (RFC 7662), so expiry and revocation are real.
/// </summary>
public sealed class ProtectedApi : IAsyncDisposable
{
    private readonly TestWebServer _web;
    private readonly HttpClient _introspection;

    private ProtectedApi(TestWebServer web, HttpClient introspection)
    {
        _web = web;
        _introspection = introspection;
    }

    public Uri BaseAddress => _web.BaseAddress;

    /// <summary>The bearer tokens received, in order (with whether the server accepted them).</summary>
    public ConcurrentQueue<(string Token, bool Accepted)> Received { get; } = new();

    public static async Task<ProtectedApi> StartAsync(OidcProviderServer provider)
    {
        var introspection = new HttpClient();
        ProtectedApi? api = null;
        var web = await TestWebServer.StartAsync(routes =>
        {
            routes.MapGet("/api/me", (Delegate)((HttpContext context) => api!.CheckAsync(context, provider)));
            routes.MapGet("/api/always-401", () => Results.Unauthorized());
        });
        api = new ProtectedApi(web, introspection);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        _introspection.Dispose();
    }

    private async Task<IResult> CheckAsync(HttpContext context, OidcProviderServer provider)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        var token = header["Bearer ".Length..];
        using var request = new HttpRequestMessage(HttpMethod.Post, provider.IntrospectionUrl)
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Authorization = OidcProviderServer.Basic("resource-server", "resource-secret");
        using var response = await _introspection.SendAsync(request, context.RequestAborted);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(context.RequestAborted);
        var active = answer.GetProperty("active").GetBoolean();
        Received.Enqueue((token, active));
        if (!active)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new { client = answer.GetProperty("client_id").GetString() });
    }
}
