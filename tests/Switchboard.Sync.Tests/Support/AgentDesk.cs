using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Support;

/// <summary>An agent's desktop connection to a real hub: signed in with a local account, receiving <c>recordChanged</c> over SignalR.</summary>
public sealed class AgentDesk : IAsyncDisposable
{
    private readonly Channel<JsonElement> _changes = Channel.CreateUnbounded<JsonElement>();
    private readonly HubConnection _connection;

    private AgentDesk(HubConnection connection)
    {
        _connection = connection;
        connection.On<JsonElement>("recordChanged", change => _changes.Writer.TryWrite(change));
    }

    public static async Task<AgentDesk> ConnectAsync(TestHub hub, string username, string password)
    {
        var cookies = new CookieContainer();
        using (var client = new HttpClient(Handler(hub, cookies)) { BaseAddress = hub.Address })
        {
            var signIn = await client.PostAsJsonAsync("/desktop/api/sign-in", new { username, password });
            signIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
        }

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(hub.Address, "/desktop/hub"), o =>
            {
                // Long polling carries the cookie and the certificate check through the same handler.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Handler(hub, cookies);
            })
            .Build();
        var desk = new AgentDesk(connection);
        await connection.StartAsync();
        return desk;
    }

    public Task WatchAsync(string customerId) => _connection.InvokeAsync("Watch", customerId);

    public Task UnwatchAsync(string customerId) => _connection.InvokeAsync("Unwatch", customerId);

    /// <summary>The next change pushed to this desk, or null when none comes within <paramref name="wait"/>.</summary>
    public async Task<JsonElement?> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _changes.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static HttpClientHandler Handler(TestHub hub, CookieContainer cookies)
    {
        var expected = hub.Certificate.Thumbprint;
        return new HttpClientHandler
        {
            CookieContainer = cookies,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == expected,
        };
    }
}
