using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Switchboard.Security;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.IntegrationTests.Durability;

/// <summary>
/// Nothing is lost or written twice on the way out: the hub runs as its own process with call logging to a CRM (a
/// <see cref="CountingReceiver"/> that counts writes by idempotency key); a client streams 20,000 completed wrap-ups
/// while the hub is killed with SIGKILL at random moments, 12 times, and restarted on the same data and port. In the
/// end the CRM holds exactly one activity per call (by key), the queue is empty and nothing was dead-lettered. Raw
/// repeats of a key are allowed and reported, but only across a kill (the CRM answered, the hub died before it recorded
/// the answer): a key written twice by the same hub process fails the test. The CRM tells the processes apart by
/// which one holds the client end of the connection a write came on (<see cref="SocketOwner"/>), not by timing.
/// The kill schedule's random draws come from a seed that is printed; SWITCHBOARD_KILL_SEED=n draws the same again
/// (the moments themselves also follow the hub's pace, so a rerun is close, not identical).
/// </summary>
public sealed class KillDuringDeliveryTests(ITestOutputHelper output)
{
    private const int Calls = 20_000;
    private const int BatchSize = 100;
    private const int Senders = 4;
    private const int Kills = 12;
    // Each kill comes a random 0.1-2 s after the hub is back (a restart takes about 2.5 s), so twelve take 40 s or more;
    // the events are paced to flow over that whole time, so the kills cut deliveries in flight.
    private const int MinDelayMs = 100;
    private const int MaxDelayMs = 2000;
    private const int EventsPerSecond = 450;
    private const int Concurrency = 32;
    private const int Window = 256;
    private const string Prefix = "kd";
    private const string SeedVariable = "SWITCHBOARD_KILL_SEED";
    private const string MatrixVariable = "SWITCHBOARD_KILL_MATRIX";

    /// <summary>
    /// Each transport on the database it is usually paired with; SWITCHBOARD_KILL_MATRIX=full adds the other two pairs
    /// (about 5 minutes in all on 2 cores, against about 3).
    /// </summary>
    public static TheoryData<string, TestStorage> Transports
    {
        get
        {
            var pairs = new TheoryData<string, TestStorage> { { "embedded", TestStorage.Sqlite }, { "rabbitmq", TestStorage.PostgreSql } };
            if (Environment.GetEnvironmentVariable(MatrixVariable) == "full")
            {
                pairs.Add("embedded", TestStorage.PostgreSql);
                pairs.Add("rabbitmq", TestStorage.Sqlite);
            }

            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Every_completed_call_reaches_the_crm_exactly_once_by_key_through_repeated_sigkills(string transport, TestStorage storage)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        output.WriteLine($"{transport} on {storage}: kill schedule seed {seed} (rerun with {SeedVariable}={seed})");
        using var directory = new TempDirectory("switchboard-kill-delivery");
        await using var postgres = storage == TestStorage.PostgreSql ? await TestPostgres.CreateAsync() : null;
        await using var receiver = await CountingReceiver.StartAsync();
        var variable = $"SWITCHBOARD_KILL_DB_{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string> { [variable] = postgres?.ConnectionString ?? "" };
        Environment.SetEnvironmentVariable(variable, postgres?.ConnectionString);
        var prefix = $"switchboard.kill.{Guid.NewGuid():N}";
        var port = TestHub.UnusedPort();
        directory.Write("switchboard.yaml", HubYaml(transport, storage, variable, port, prefix));
        directory.Write("systems/crm.yaml", CrmYaml(receiver.Address));
        directory.Write("flows/call-logging.yaml", "name: call-logging\ncapability: callLogging\nmode: on\nsystems: [crm]\n");
        var key = await OfflineKeys.IssueAsync(directory.Path, Roles.Admin);
        var address = new Uri($"https://localhost:{port}/");

        var run = new Run(directory.Path, address, environment, storage, postgres, receiver, new Random(seed));
        receiver.IdentifySender = clientPort => SocketOwner.Find(clientPort, receiver.Port, run.ProcessIds)?.ToString(CultureInfo.InvariantCulture);
        try
        {
            run.Hub = await run.StartHubAsync();
            using var client = HubProcess.Client(directory.Path, address, key);
            await KillWhileStreamingAsync(run, client);
            await CheckEndStateAsync(run, client);
        }
        finally
        {
            // Never leave a hub process behind, also when an assertion fails.
            if (run.Hub is not null)
            {
                await run.Hub.DisposeAsync();
            }

            if (transport == "rabbitmq")
            {
                await RabbitMqCleanup.DeleteAsync(prefix, ["crm"]);
            }
        }
    }

    private async Task KillWhileStreamingAsync(Run run, HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        var stream = new WrapUpStream(client, Prefix, Calls, BatchSize, EventsPerSecond, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var streaming = stream.RunAsync(Senders, stop.Token);
        try
        {
            var inFlight = 0;
            for (var kill = 1; kill <= Kills; kill++)
            {
                // A random moment after the restart (some land at once, while the leftovers of the previous run are
                // redelivered), and not before a random point of the kill's share of the deliveries, so the kills are
                // spread over the whole delivery also where it is slower than the events coming in.
                var delay = TimeSpan.FromMilliseconds(run.Random.Next(MinDelayMs, MaxDelayMs));
                var slice = Calls * 19 / 20 / Kills;
                var threshold = (kill - 1) * slice + run.Random.Next(slice);
                await Task.WhenAny(streaming, Task.Delay(delay));
                await WaitUntilAsync(() => run.Receiver.Distinct >= threshold || streaming.IsFaulted, TimeSpan.FromMinutes(2),
                    () => $"kill {kill}: the CRM reached {run.Receiver.Distinct} keys, not {threshold},");
                if (streaming.IsFaulted)
                {
                    await streaming;
                }

                var (acknowledged, seen, requests) = (stream.Acknowledged, run.Receiver.Distinct, run.Receiver.Total);
                var at = Stopwatch.GetTimestamp();
                run.Hub!.Kill();
                run.KilledAt.Add(at);
                var lastQuarterSecond = run.Receiver.Arrivals.Count(a => a.Timestamp <= at && Stopwatch.GetElapsedTime(a.Timestamp, at) < TimeSpan.FromMilliseconds(250));
                var delivering = seen > 0 && seen < Calls && lastQuarterSecond > 0;
                var (unfolded, queued) = await WaitingAsync(run);
                inFlight += delivering ? 1 : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"kill {kill,2} at {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s ({delay.TotalMilliseconds,4:0} ms after the restart, {threshold,5} keys at least): " +
                    $"{acknowledged,5} events acknowledged, {unfolded,5} not yet folded, {queued,5} outbox rows; " +
                    $"{seen,5} keys at the CRM ({requests} requests, {lastQuarterSecond} in the last 250 ms){(delivering ? "; deliveries in flight" : "")}"));
                await run.Hub.DisposeAsync();
                run.Hub = null;
                run.Hub = await run.StartHubAsync();
            }

            await streaming.WaitAsync(TimeSpan.FromMinutes(3));
            stream.Acknowledged.ShouldBe(Calls);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"all {Calls} events acknowledged at {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; {stream.FailedSends} sends failed and were repeated, " +
                $"{stream.AcknowledgedAsDuplicates} events of resent batches were already committed (acknowledged as duplicates)"));
            inFlight.ShouldBeGreaterThanOrEqualTo(Kills / 2, "kills that landed while the CRM was receiving (some keys seen, not all, requests in the last 250 ms)");

            await run.Receiver.WaitForAsync(Calls, TimeSpan.FromSeconds(90));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"all {Calls} keys at the CRM at {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        }
        finally
        {
            await stop.CancelAsync();
            await streaming.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task CheckEndStateAsync(Run run, HttpClient client)
    {
        // The queue drains: the last settles (and, on RabbitMQ, acks) land a moment after the last write.
        long pending = -1;
        await WaitUntilAsync(async () => (pending = await PendingAsync(client)) == 0, TimeSpan.FromSeconds(30),
            () => $"the crm queue still holds {pending} messages");
        var deadLetters = await client.GetFromJsonAsync<JsonElement>("/api/v1/delivery/dead-letters?limit=10");
        deadLetters.GetProperty("items").GetArrayLength().ShouldBe(0, $"dead letters: {deadLetters}");

        // A short look for stragglers, then the hub stops and the database tells which interaction each key names.
        await Task.Delay(1000);
        run.Hub!.Kill();
        var receiver = run.Receiver;
        var (interactions, outbox, deadLettered, confirmed) = await DatabaseAsync(run);
        interactions.Count.ShouldBe(Calls);
        var expected = interactions.ToDictionary(i => $"call-logging:{i.Id}", i => i.CallId, StringComparer.Ordinal);
        var arrivals = receiver.Arrivals;
        var keys = arrivals.Select(a => a.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Keys.Where(k => !keys.Contains(k)).ToList();
        var unexpected = keys.Where(k => !expected.ContainsKey(k)).ToList();
        var wrongCall = arrivals.Where(a => expected.TryGetValue(a.IdempotencyKey, out var callId) && a.CallId != callId).ToList();
        var duplicateKeys = receiver.DuplicateKeys;
        var unexplained = Unexplained(arrivals);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the CRM saw {receiver.Total} writes: {receiver.Distinct} distinct keys, {receiver.Duplicates} repeats of {duplicateKeys.Count} keys " +
            $"(a kill between the CRM's answer and the hub's record of it; answered idempotently), {receiver.Refused} refused"));
        if (duplicateKeys.Count > 0)
        {
            output.WriteLine("repeated keys (first 10): " + string.Join(", ", duplicateKeys.Take(10).Select(k => $"{k} x{receiver.CountOf(k)}")));
        }

        var fromDead = arrivals.Count(a => a.Sender is null);
        output.WriteLine($"{fromDead} writes reached the CRM after the process that sent them was killed");
        foreach (var key in unexplained.Take(10))
        {
            output.WriteLine($"written twice by one process: {key}: " + string.Join("; ", arrivals.Where(a => a.IdempotencyKey == key).Select(a => Describe(a, run.KilledAt))));
        }

        output.WriteLine($"after the run: {outbox} outbox rows, {deadLettered} dead letters, {confirmed} confirmed keys; the API showed pending 0 and no dead letters");

        missing.ShouldBeEmpty($"{missing.Count} keys never reached the CRM");
        unexpected.ShouldBeEmpty($"{unexpected.Count} keys the CRM got that name no interaction");
        wrongCall.ShouldBeEmpty("writes whose body names another call than their key's interaction");
        unexplained.ShouldBeEmpty("keys written again by the same hub process (no kill between a write and its repeat)");
        var calls = arrivals.Select(a => a.CallId).ToHashSet(StringComparer.Ordinal);
        Enumerable.Range(0, Calls).Select(n => WrapUpStream.CallIdOf(Prefix, n)).Where(c => !calls.Contains(c)).ShouldBeEmpty("calls never logged at the CRM");
        calls.Count.ShouldBe(Calls);
        receiver.Distinct.ShouldBe(Calls);
        receiver.Refused.ShouldBe(0);
        // Each kill can repeat at most the writes it caught between the CRM's answer and their record: one window.
        receiver.Duplicates.ShouldBeLessThanOrEqualTo(Kills * Window);
        (outbox, deadLettered, confirmed).ShouldBe((0L, 0L, (long)Calls), "outbox rows, dead letters, confirmed keys");
    }

    /// <summary>
    /// Repeats that no kill explains: two writes of one key from the same hub process (one that was alive, holding the
    /// connection, when the CRM saw the write). A write from a process already killed was sent before the kill.
    /// </summary>
    private static List<string> Unexplained(IReadOnlyList<ReceiverArrival> arrivals) =>
        [.. arrivals.Where(a => a.Sender is not null).GroupBy(a => (a.IdempotencyKey, a.Sender)).Where(g => g.Count() > 1).Select(g => g.Key.IdempotencyKey).Distinct()];

    private static string Describe(ReceiverArrival arrival, IReadOnlyList<long> killedAt)
    {
        var kills = killedAt.Count(k => k <= arrival.Timestamp);
        var since = kills == 0 ? "before the first kill" : $"{Stopwatch.GetElapsedTime(killedAt[kills - 1], arrival.Timestamp).TotalMilliseconds:0} ms after kill {kills}";
        return string.Create(CultureInfo.InvariantCulture, $"{since} from process {arrival.Sender ?? "(killed)"}");
    }

    private static async Task<long> PendingAsync(HttpClient client)
    {
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/delivery/targets");
        return status.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == "crm").GetProperty("pending").GetInt64();
    }

    private static async Task<(List<(string Id, string CallId)> Interactions, long Outbox, long DeadLetters, long Confirmed)> DatabaseAsync(Run run)
    {
        await using var connection = await run.OpenAsync();
        var interactions = new List<(string, string)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, call_id FROM interactions";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                interactions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return (interactions, await ScalarAsync(connection, "SELECT COUNT(*) FROM delivery_outbox"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM delivery_dead_letters"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM delivery_confirmed WHERE target = 'crm'"));
    }

    /// <summary>Read while the hub is dead: journal rows not yet folded into interactions, and outbox rows (on RabbitMQ: not yet relayed).</summary>
    private static async Task<(long Unfolded, long Outbox)> WaitingAsync(Run run)
    {
        await using var connection = await run.OpenAsync();
        return (await ScalarAsync(connection, "SELECT COUNT(*) FROM inbound_events WHERE applied = 0"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM delivery_outbox"));
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, Func<string> describe) =>
        await WaitUntilAsync(() => Task.FromResult(done()), timeout, describe);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{describe()} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(10);
        }
    }

    private static string HubYaml(string transport, TestStorage storage, string postgresVariable, int port, string prefix) => $$"""
        hub:
          name: Kill During Delivery
          dataDirectory: data
        server:
          address: 127.0.0.1
          httpsPort: {{port}}
          limits:
            maxRequestBodyBytes: 1048576
        storage:
          provider: {{(storage == TestStorage.Sqlite ? "sqlite" : "postgresql")}}
          postgresql:
            connectionString: ${env:{{postgresVariable}}}
        phone:
          defaultRegion: US
        logging:
          level: Warning
          format: text
        delivery:
          transport: {{transport}}
        {{(transport == "rabbitmq" ? $"  rabbitmq:\n    connectionString: ${{env:SWITCHBOARD_TEST_RABBITMQ}}\n    queuePrefix: {prefix}" : "")}}
          window: {{Window}}
          # Generous: the CRM never fails, so nothing may become a dead letter however often the hub dies.
          retry:
            maxAttempts: 50
            baseDelayMs: 100
            maxDelayMs: 1000
        """;

    private static string CrmYaml(Uri receiver) => $$$"""
        name: crm
        kind: crm
        protocol: rest
        mode: on
        address: {{{receiver}}}
        allowPrivateNetworks: true
        concurrency: {{{Concurrency}}}
        retry: { maxAttempts: 1 }
        operations:
          interaction.log:
            method: POST
            path: /activities
            idempotencyKey: Idempotency-Key
            headers: { Content-Type: application/json }
            body: '{ "callId": {{ callId | json }}, "subject": {{ subject | json }}, "disposition": {{ disposition | json }} }'
        """;

    private sealed class Run(
        string configDirectory, Uri address, Dictionary<string, string> environment, TestStorage storage, TestPostgres? postgres, CountingReceiver receiver, Random random)
    {
        public string ConfigDirectory => configDirectory;
        public Uri Address => address;
        public Dictionary<string, string> Environment => environment;
        public CountingReceiver Receiver => receiver;
        public Random Random => random;
        private readonly List<int> _processIds = [];

        public HubProcess? Hub { get; set; }

        /// <summary>Every hub process started (the latest first), known from the moment it exists.</summary>
        public IReadOnlyList<int> ProcessIds
        {
            get
            {
                lock (_processIds)
                {
                    return [.. Enumerable.Reverse(_processIds)];
                }
            }
        }

        public Task<HubProcess> StartHubAsync() => HubProcess.StartAsync(configDirectory, address, environment, id =>
        {
            lock (_processIds)
            {
                _processIds.Add(id);
            }
        });

        /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of each kill, comparable with <see cref="ReceiverArrival.Timestamp"/>.</summary>
        public List<long> KilledAt { get; } = [];

        public async Task<DbConnection> OpenAsync()
        {
            DbConnection connection = storage == TestStorage.PostgreSql
                ? new NpgsqlConnection(postgres!.ConnectionString)
                : new SqliteConnection($"Data Source={Path.Combine(configDirectory, "data", "switchboard.db")};Pooling=false");
            await connection.OpenAsync();
            return connection;
        }
    }
}
