using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Desktop;

/// <summary>Agents sign in with their local accounts and receive, over SignalR, the pops of the calls offered to them and no others.</summary>
public sealed class AgentPopPushTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly PopSystems _systems = new();
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d => d.Write("systems/crm.yaml", _systems.SystemYaml));
        var accounts = _hub.App.Services.GetRequiredService<AccountService>();
        await accounts.CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        await accounts.CreateAsync("bob", "Bob Agent", "agent-8", Roles.Agent, Password, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _systems.Dispose();
    }

    [Fact]
    public async Task A_ringing_call_pops_on_the_desktop_of_the_agent_it_is_offered_to_only()
    {
        await using var ada = await ConnectAsync("ada");
        await using var bob = await ConnectAsync("bob");
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        var callId = $"call-{Guid.NewGuid():N}";

        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from = "(415) 555-0134",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var first = await ada.NextAsync();
        first.GetProperty("callId").GetString().ShouldBe(callId);
        var last = first;
        while (!last.GetProperty("complete").GetBoolean())
        {
            last = await ada.NextAsync();
        }

        last.GetProperty("customer").GetProperty("orders").GetArrayLength().ShouldBe(1);
        bob.Received.ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_same_answer_as_an_unknown_user()
    {
        using var client = _hub.Client();

        var wrong = await client.PostAsJsonAsync("/desktop/api/sign-in", new { username = "ada", password = "not the password" });
        var unknown = await client.PostAsJsonAsync("/desktop/api/sign-in", new { username = "nobody", password = "not the password" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_hub_refuses_a_desktop_without_a_session()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_hub.Address, "/desktop/hub"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Handler(new CookieContainer());
            })
            .Build();

        var ex = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());

        ex.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private HttpClientHandler Handler(CookieContainer cookies)
    {
        var expected = _hub.Certificate.Thumbprint;
        return new HttpClientHandler
        {
            CookieContainer = cookies,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == expected,
        };
    }

    private async Task<Desk> ConnectAsync(string username)
    {
        var cookies = new CookieContainer();
        using (var client = new HttpClient(Handler(cookies)) { BaseAddress = _hub.Address })
        {
            var signIn = await client.PostAsJsonAsync("/desktop/api/sign-in", new { username, password = Password });
            signIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
            (await client.GetFromJsonAsync<JsonElement>("/desktop/api/me")).GetProperty("username").GetString().ShouldBe(username);
        }

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_hub.Address, "/desktop/hub"), o =>
            {
                // Long polling carries the cookie and the certificate check through the same handler.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Handler(cookies);
            })
            .Build();
        var desk = new Desk(connection);
        await connection.StartAsync();
        return desk;
    }

    private sealed class Desk : IAsyncDisposable
    {
        private readonly Channel<JsonElement> _pops = Channel.CreateUnbounded<JsonElement>();
        private readonly HubConnection _connection;
        private int _received;

        public Desk(HubConnection connection)
        {
            _connection = connection;
            connection.On<JsonElement>("pop", pop =>
            {
                Interlocked.Increment(ref _received);
                _pops.Writer.TryWrite(pop);
            });
        }

        public int Received => Volatile.Read(ref _received);

        public async Task<JsonElement> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            return await _pops.Reader.ReadAsync(timeout.Token);
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
