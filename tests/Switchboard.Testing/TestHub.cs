using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Security;
using Switchboard.Security.ApiKeys;
using Switchboard.Server;
using Switchboard.Server.Hosting;

namespace Switchboard.Testing;

/// <summary>
/// A real hub: Kestrel on a free loopback port over HTTPS with its development certificate, on real
/// SQLite or PostgreSQL, configured from YAML files in a temporary directory.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string DefaultSystemYaml = """
        name: crm
        kind: crm
        protocol: rest
        mode: on
        address: http://127.0.0.1:5081/
        operations:
          customer.findByPhone:
            method: GET
            path: /api/contacts?phone={{ phone }}
        """;

    /// <summary>The variable ./test.sh sets to its Redis server (<c>127.0.0.1:port</c>), for a <c>redis</c> section's <c>${env:...}</c>.</summary>
    public const string RedisVariable = "SWITCHBOARD_TEST_REDIS";

    private readonly TestPostgres? _postgres;
    private readonly List<HttpClient> _clients = [];

    private TestHub(TempDirectory directory, TestPostgres? postgres, WebApplication app, CapturedLogs logs, X509Certificate2 certificate, string databaseVariable)
    {
        DatabaseVariable = databaseVariable;
        Directory = directory;
        _postgres = postgres;
        App = app;
        Logs = logs;
        Certificate = certificate;
        Address = app.ListeningAddress();
    }

    public TempDirectory Directory { get; }
    public string ConfigDirectory => Directory.Path;
    public WebApplication App { get; }
    public CapturedLogs Logs { get; }
    public X509Certificate2 Certificate { get; }
    public Uri Address { get; }

    /// <summary>The environment variable switchboard.yaml reads the PostgreSQL connection string from (<see cref="HubYaml"/>).</summary>
    public string DatabaseVariable { get; }

    public static string HubYaml(TestStorage storage, string postgresVariable, string name = "Integration Hub", long maxBody = 65536) => $"""
        hub:
          name: {name}
          dataDirectory: data
        server:
          address: 127.0.0.1
          httpsPort: 0
          limits:
            maxRequestBodyBytes: {maxBody}
        storage:
          provider: {(storage == TestStorage.Sqlite ? "sqlite" : "postgresql")}
          postgresql:
            connectionString: ${"{"}env:{postgresVariable}{"}"}
        phone:
          defaultRegion: US
        logging:
          level: Information
          format: text
        delivery:
          # Tests wait seconds, not minutes, for a write the target refuses to become a dead letter.
          retry:
            maxAttempts: 3
            baseDelayMs: 100
            maxDelayMs: 500
        """;

    /// <summary>A <c>redis</c> section to append to switchboard.yaml, its connection string read from <paramref name="variable"/>.</summary>
    public static string RedisYaml(string variable = RedisVariable, string? channelPrefix = null) =>
        $"\nredis:\n  connectionString: ${{env:{variable}}}\n" + (channelPrefix is null ? "" : $"  channelPrefix: {channelPrefix}\n");

    /// <param name="onDatabaseOf">
    /// A running PostgreSQL hub whose database this one shares, as a second hub process behind the same load balancer
    /// would (its own directory, data directory and certificate); that hub drops the database when it is disposed.
    /// </param>
    public static async Task<TestHub> StartAsync(TestStorage storage = TestStorage.Sqlite, Action<TempDirectory>? configure = null, TestHub? onDatabaseOf = null)
    {
        var directory = new TempDirectory("switchboard-hub");
        TestPostgres? postgres = null;
        var variable = onDatabaseOf?.DatabaseVariable ?? $"SWITCHBOARD_TEST_DB_{Guid.NewGuid():N}";
        if (onDatabaseOf is not null)
        {
            storage.ShouldBe(TestStorage.PostgreSql, "hubs share a PostgreSQL database, not a SQLite file");
        }
        else if (storage == TestStorage.PostgreSql)
        {
            postgres = await TestPostgres.CreateAsync();
            Environment.SetEnvironmentVariable(variable, postgres.ConnectionString);
        }
        else if (storage == TestStorage.UnreachablePostgreSql)
        {
            Environment.SetEnvironmentVariable(variable, $"Host=127.0.0.1;Port={UnusedPort()};Username=postgres;Database=none;Timeout=2");
        }

        directory.Write("switchboard.yaml", HubYaml(storage, variable));
        directory.Write("systems/crm.yaml", DefaultSystemYaml);
        configure?.Invoke(directory);

        var logs = new CapturedLogs();
        var app = HubApplication.Build(directory.Path, b => b.Logging.AddProvider(logs));
        await app.StartAsync();
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(
            DevelopmentCertificate.PathIn(Path.Combine(directory.Path, "data")), password: null);
        return new TestHub(directory, postgres, app, logs, certificate, variable);
    }

    /// <summary>A client that trusts exactly this hub's certificate and sends no key.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var expected = Certificate.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == expected,
        };
        var client = new HttpClient(handler) { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _clients.Add(client);
        return client;
    }

    public async Task<string> IssueKeyAsync(params string[] roles) =>
        (await App.Services.GetRequiredService<ApiKeyService>().IssueAsync($"test {string.Join("+", roles)}", roles, null, CancellationToken.None)).Key;

    public async Task<HttpClient> AdminAsync() => Client(await IssueKeyAsync(Roles.Admin));

    public static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Certificate.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
