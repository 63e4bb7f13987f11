using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Switchboard.Security;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Durability;

/// <summary>
/// Nothing acknowledged is lost: the hub runs as its own process, a client streams 20,000 events, the
/// hub is killed with SIGKILL twice mid-stream and restarted; every acknowledged event must be in the
/// journal exactly once, and every call must end up with all its events in its timeline exactly once.
/// </summary>
public sealed class KillDuringIngestTests
{
    private const int Calls = 2000;
    private const int EventsPerCall = 10;
    private const int Total = Calls * EventsPerCall;
    private static readonly string[] Types =
    [
        "call.offered", "call.queued", "call.ringing", "call.answered", "call.held",
        "call.resumed", "call.transferred", "call.answered", "call.ended", "call.wrapup_completed",
    ];

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Every_acknowledged_event_survives_sigkill_exactly_once(TestStorage storage)
    {
        using var directory = new TempDirectory("switchboard-kill");
        await using var postgres = storage == TestStorage.PostgreSql ? await TestPostgres.CreateAsync() : null;
        var variable = $"SWITCHBOARD_KILL_DB_{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string> { [variable] = postgres?.ConnectionString ?? "" };
        Environment.SetEnvironmentVariable(variable, postgres?.ConnectionString);
        var port = TestHub.UnusedPort();
        directory.Write("switchboard.yaml", TestHub.HubYaml(storage, variable).Replace("httpsPort: 0", $"httpsPort: {port}", StringComparison.Ordinal)
            .Replace("level: Information", "level: Warning", StringComparison.Ordinal));
        var key = await OfflineKeys.IssueAsync(directory.Path, Roles.System);
        var address = new Uri($"https://localhost:{port}/");

        var hub = await HubProcess.StartAsync(directory.Path, address, environment);
        try
        {
            await StreamKillAndCheckAsync(storage, directory.Path, postgres, address, key, environment, () => hub, h => hub = h);
        }
        finally
        {
            // Never leave a hub process behind, also when an assertion fails.
            await hub.DisposeAsync();
        }
    }

    private static async Task StreamKillAndCheckAsync(
        TestStorage storage, string configDirectory, TestPostgres? postgres, Uri address, string key,
        Dictionary<string, string> environment, Func<HubProcess> current, Action<HubProcess> replace)
    {
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var pending = new ConcurrentQueue<int>(Enumerable.Range(0, Total));
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        using var client = HubProcess.Client(configDirectory, address, key);

        async Task StreamAsync()
        {
            while (pending.TryDequeue(out var n))
            {
                var (call, step) = (n % Calls, n / Calls);
                var body = new
                {
                    eventId = $"kill-{call}-{step}",
                    type = Types[step],
                    occurredAt = start.AddSeconds(step),
                    callId = $"kill-call-{call}",
                    agentId = "agent-1",
                    from = "+14155550134",
                    transferTo = "queue:sales",
                };
                try
                {
                    var response = await client.PostAsJsonAsync("/api/v1/events", body);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        acknowledged[body.eventId] = true;
                        continue;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The hub is down: not acknowledged, so the client sends it again later.
                }

                pending.Enqueue(n);
                await Task.Delay(50);
            }
        }

        var streams = Enumerable.Range(0, 16).Select(_ => Task.Run(StreamAsync)).ToArray();
        foreach (var killAt in new[] { Total / 4, Total / 2 })
        {
            while (acknowledged.Count < killAt)
            {
                await Task.Delay(10);
            }

            current().Kill();
            var acknowledgedBeforeKill = acknowledged.Keys.ToHashSet();
            await current().DisposeAsync();
            replace(await HubProcess.StartAsync(configDirectory, address, environment));
            (await JournalCountsAsync(storage, configDirectory, postgres, acknowledgedBeforeKill)).Missing.ShouldBe(0, "acknowledged before the kill, gone after it");
        }

        await Task.WhenAll(streams).WaitAsync(TimeSpan.FromMinutes(3));
        acknowledged.Count.ShouldBe(Total);

        var counts = await JournalCountsAsync(storage, configDirectory, postgres, acknowledged.Keys.ToHashSet());
        counts.Rows.ShouldBe(Total);
        counts.Distinct.ShouldBe(Total);
        counts.Missing.ShouldBe(0);

        // The assembler catches up after the restarts: every call has all ten events, once each.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        (long Interactions, long TimelineRows, long Unapplied) folded;
        do
        {
            folded = await AssemblyCountsAsync(storage, configDirectory, postgres);
            if (folded.Unapplied == 0 && folded.TimelineRows == Total)
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        folded.ShouldBe((Calls, Total, 0L), $"interactions, timeline rows, unapplied journal rows after catching up: {folded}");
    }

    private static async Task<(long Rows, long Distinct, int Missing)> JournalCountsAsync(
        TestStorage storage, string configDirectory, TestPostgres? postgres, HashSet<string> expected)
    {
        await using var connection = Open(storage, configDirectory, postgres);
        await connection.OpenAsync();
        var rows = await ScalarAsync(connection, "SELECT COUNT(*) FROM inbound_events");
        var distinct = await ScalarAsync(connection, "SELECT COUNT(DISTINCT event_id) FROM inbound_events");
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT event_id FROM inbound_events";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        return (rows, distinct, expected.Count(id => !present.Contains(id)));
    }

    private static async Task<(long, long, long)> AssemblyCountsAsync(TestStorage storage, string configDirectory, TestPostgres? postgres)
    {
        await using var connection = Open(storage, configDirectory, postgres);
        await connection.OpenAsync();
        return (await ScalarAsync(connection, "SELECT COUNT(*) FROM interactions"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM interaction_events"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM inbound_events WHERE applied = 0"));
    }

    private static DbConnection Open(TestStorage storage, string configDirectory, TestPostgres? postgres) =>
        storage == TestStorage.PostgreSql
            ? new NpgsqlConnection(postgres!.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(configDirectory, "data", "switchboard.db")};Pooling=false");

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
