using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>An agent signed in to the desktop: an HTTP client on the session cookie, and the SignalR connection that receives pops.</summary>
public sealed class AgentDesk : IAsyncDisposable
{
    private readonly Channel<JsonElement> _pops = Channel.CreateUnbounded<JsonElement>();
    private readonly HubConnection _connection;
    private int _received;

    private AgentDesk(HubConnection connection, HttpClient http)
    {
        _connection = connection;
        Http = http;
        connection.On<JsonElement>("pop", pop =>
        {
            Interlocked.Increment(ref _received);
            _pops.Writer.TryWrite(pop);
        });
    }

    /// <summary>Requests as the signed-in agent (the desktop's own API).</summary>
    public HttpClient Http { get; }

    public int Received => Volatile.Read(ref _received);

    /// <summary>A client signed in to the desktop as <paramref name="username"/> (its session cookie kept), without the live connection.</summary>
    public static Task<HttpClient> SignInAsync(TestHub hub, string username, string password) => SignInAsync(hub, username, password, new CookieContainer());

    private static async Task<HttpClient> SignInAsync(TestHub hub, string username, string password, CookieContainer cookies)
    {
        var http = new HttpClient(Handler(hub, cookies)) { BaseAddress = hub.Address };
        var signIn = await http.PostAsJsonAsync("/desktop/api/sign-in", new { username, password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
        return http;
    }

    public static async Task<AgentDesk> ConnectAsync(TestHub hub, string username, string password)
    {
        var cookies = new CookieContainer();
        var http = await SignInAsync(hub, username, password, cookies);
        (await http.GetFromJsonAsync<JsonElement>("/desktop/api/me")).GetProperty("username").GetString().ShouldBe(username);

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(hub.Address, "/desktop/hub"), o =>
            {
                // Long polling carries the cookie and the certificate check through the same handler.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Handler(hub, cookies);
            })
            .Build();
        var desk = new AgentDesk(connection, http);
        await connection.StartAsync();
        return desk;
    }

    /// <summary>A handler that trusts the hub's development certificate only, keeping cookies in <paramref name="cookies"/>.</summary>
    public static HttpClientHandler Handler(TestHub hub, CookieContainer cookies)
    {
        var expected = hub.Certificate.Thumbprint;
        return new HttpClientHandler
        {
            CookieContainer = cookies,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == expected,
        };
    }

    /// <summary>Calls a method of the hub's SignalR endpoint as this agent.</summary>
    public Task<T> InvokeAsync<T>(string method, params object?[] arguments) => _connection.InvokeCoreAsync<T>(method, arguments);

    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _pops.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Reads pops until the complete one of <paramref name="callId"/>.</summary>
    public async Task<JsonElement> CompletePopAsync(string callId)
    {
        while (true)
        {
            var pop = await NextAsync();
            if (pop.GetProperty("callId").GetString() == callId && pop.GetProperty("complete").GetBoolean())
            {
                return pop;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        Http.Dispose();
    }
}
