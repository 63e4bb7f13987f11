// Screen-pop latency and the hub's own overhead. One process holds two stub systems (Kestrel on
// 127.0.0.1, see StubSystem): A answers every operation after 20 ms, B after 80 ms. Both are declared
// in YAML and reached through the real connectors; the engine (AddScreenPop) runs over a migrated SQLite
// file. Pops are started open loop at a fixed rate, each for a distinct caller both systems know, so
// each pop is one match that loads orders and tickets from both: B's chain (findByPhone, then its
// order and ticket lists in parallel, 80 + 80 ms) is the critical path.
//   1. cache off (CacheSeconds 0): warm-up rounds until the JIT is quiet (JitWarmup), then the measured run;
//   2. cache on (CacheSeconds 60): a pass over fresh callers fills the cache, the same callers popped again are measured;
//   3. baseline: the same requests to B by a bare HttpClient (findByPhone, then both lists in parallel), open loop at the same rate.
// Arguments: rate warm-up-round-s duration-s cache-pass-s bare-s [max-warm-up-rounds]. Prints one JSON object last. GC pauses are
// recorded (GcPauses) to split the overhead's tail into the collector's share and the rest.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Benchmarks.ScreenPop;
using Switchboard.Benchmarks.Shared;
using Switchboard.Configuration;
using Switchboard.Connectors.Operations;
using Switchboard.Core.Phones;
using Switchboard.ScreenPop;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

int Arg(int at, int fallback) => args.Length > at ? int.Parse(args[at], CultureInfo.InvariantCulture) : fallback;
var rate = Arg(0, 200);
var warmupSeconds = Arg(1, 5);
var durationSeconds = Arg(2, 40);
var cacheSeconds = Arg(3, 8);
var bareSeconds = Arg(4, 10);
var maxWarmupRounds = Arg(5, 12);
const int BareWarmupSeconds = 2;
const int MaxBareWarmupRounds = 8;
// A warm-up round shorter than JitWarmup.MinimumRound is repeated until it is not, taking callers each time.
var warmupRoundSeconds = Math.Max(warmupSeconds, (int)JitWarmup.MinimumRound.TotalSeconds);
var callers = rate * (warmupRoundSeconds * maxWarmupRounds + durationSeconds + cacheSeconds + BareWarmupSeconds * MaxBareWarmupRounds + bareSeconds) + 1;
var nextCaller = 0;
int[] Take(int seconds)
{
    var range = Enumerable.Range(nextCaller, rate * seconds).ToArray();
    nextCaller += range.Length;
    return range;
}

// The engine's cache holds 10,000 answers; each caller leaves 6 (findByPhone, orders and tickets of
// both systems). A larger pass would evict answers, and the second pass would not be all hits.
const int CacheCapacity = 10_000;
if (rate * cacheSeconds * 6 > CacheCapacity)
{
    Console.Error.WriteLine($"a cache pass of {rate * cacheSeconds} callers leaves {rate * cacheSeconds * 6} answers, more than the {CacheCapacity} the cache holds: shorten it");
    return 1;
}

var phones = new PhoneNormalizer("DE");
if (!phones.Normalize(StubSystem.Phone(0)).IsValid || !phones.Normalize(StubSystem.Phone(callers)).IsValid)
{
    Console.Error.WriteLine($"the callers' numbers ({StubSystem.Phone(0)}..{StubSystem.Phone(callers)}) do not read as valid numbers");
    return 1;
}

await using var systemA = await StubSystem.StartAsync("A", 20, callers + 1);
await using var systemB = await StubSystem.StartAsync("B", 80, callers + 1);

// Sized for the load: at 200 pops/s each system sees ~600 calls/s and ~50 in flight.
static string SystemYaml(string name, string kind, StubSystem stub) => $$$"""
    name: {{{name}}}
    kind: {{{kind}}}
    protocol: rest
    mode: on
    address: {{{stub.Address}}}/
    allowPrivateNetworks: true
    timeouts: { requestSeconds: 10 }
    retry: { maxAttempts: 1 }
    concurrency: 512
    rateLimit: { perSecond: 100000 }
    operations:
      customer.findByPhone:
        path: /customers
        query: { phone: "{{ phone }}" }
        statuses: { 404: noMatch }
        response:
          items: $.records[*]
          fields:
            externalId: $.id
            firstName: $.firstName
            lastName: $.lastName
            phone: { path: $.phone, type: phone }
            email: $.email
      order.listByCustomer:
        path: /customers/{{ customerId | url_encode }}/orders
        statuses: { 404: noMatch }
        response:
          items: $.records[*]
          fields:
            externalId: $.no
            number: $.no
            customerId: $.customer
            status: $.state
            total: { path: $.total, type: decimal }
            currency: $.currency
            createdAt: $.created
      ticket.listByCustomer:
        path: /customers/{{ customerId | url_encode }}/tickets
        statuses: { 404: noMatch }
        response:
          items: $.records[*]
          fields:
            externalId: $.number
            subject: $.subject
            status: $.status
            priority: $.priority
            createdAt: $.opened
    """;

var directory = Directory.CreateTempSubdirectory("switchboard-bench-screenpop").FullName;
File.WriteAllText(Path.Combine(directory, "switchboard.yaml"), "hub:\n  name: bench\nphone:\n  defaultRegion: DE\n");
Directory.CreateDirectory(Path.Combine(directory, "systems"));
File.WriteAllText(Path.Combine(directory, "systems", "system-a.yaml"), SystemYaml("system-a", "crm", systemA));
File.WriteAllText(Path.Combine(directory, "systems", "system-b.yaml"), SystemYaml("system-b", "erp", systemB));
var loaded = ConfigurationLoader.Load(directory);
if (!loaded.IsValid)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, loaded.Errors));
    return 1;
}

var configuration = loaded.Configuration!;

async Task<ServiceProvider> StartHubAsync(string database, int cacheSecondsSetting)
{
    // The engine is hosted outside ASP.NET Core here, as in its tests: one container per measured hub.
#pragma warning disable ASP0000
    var services = new ServiceCollection()
        .AddLogging()
        .AddSingleton(phones)
        .AddSingleton<Func<HubConfiguration?>>(() => configuration)
        .AddSwitchboardStorage(new StorageOptions { SqlitePath = Path.Combine(directory, database) })
        .AddConnectors(_ => () => configuration)
        .AddScreenPop(new ScreenPopOptions { CacheSeconds = cacheSecondsSetting })
        .BuildServiceProvider();
#pragma warning restore ASP0000
    await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
    return services;
}

static string? Check(ScreenPopView? last)
{
    if (last is null || !last.Complete)
    {
        return "no complete snapshot";
    }

    if (last.Sources.FirstOrDefault(s => s.State == PopSourceState.Unavailable) is { } down)
    {
        return $"{down.System} {down.Operation} unavailable: {down.Reason}";
    }

    return last.Match != PopMatch.Single ? $"match {last.Match}"
        : last.Customer is not { Orders.Count: 4, Tickets.Count: 2, Links.Count: 2 } ? $"customer 360 incomplete: {last.Customer?.Links.Count} links, {last.Customer?.Orders.Count} orders, {last.Customer?.Tickets.Count} tickets"
        : null;
}

static double Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;

static async Task<PopSample> PopAsync(ScreenPopEngine engine, string run, int caller, long due)
{
    var start = Stopwatch.GetTimestamp();
    var lag = Stopwatch.GetElapsedTime(due, start).TotalMilliseconds;
    var request = new PopRequest { CallId = $"{run}-{caller}", AgentId = "agent-1", CallerNumber = StubSystem.Phone(caller) };
    double firstPartial = -1, total = -1;
    ScreenPopView? last = null;
    try
    {
        await foreach (var view in engine.RunAsync(request, CancellationToken.None))
        {
            if (firstPartial < 0 && view.Sources.Any(s => s.State == PopSourceState.Answered))
            {
                firstPartial = Since(start);
            }

            if (view.Complete)
            {
                total = Since(start);
            }

            last = view;
        }
    }
#pragma warning disable CA1031 // Whatever a pop throws is counted and reported with the run, not allowed to end it.
    catch (Exception ex)
#pragma warning restore CA1031
    {
        return new PopSample(caller, lag, Since(start), firstPartial, ex.GetType().Name + ": " + ex.Message, start);
    }

    // A pop that ended without a complete snapshot counts with the time it took to end.
    return new PopSample(caller, lag, total < 0 ? Since(start) : total, firstPartial, Check(last), start);
}

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });

async Task<PopSample> BareAsync(int caller, long due)
{
    var start = Stopwatch.GetTimestamp();
    var lag = Stopwatch.GetElapsedTime(due, start).TotalMilliseconds;
    var id = "B-" + caller.ToString("D7", CultureInfo.InvariantCulture);
    _ = await http.GetStringAsync($"{systemB.Address}/customers?phone={Uri.EscapeDataString(StubSystem.Phone(caller))}");
    var first = Since(start);
    await Task.WhenAll(http.GetStringAsync($"{systemB.Address}/customers/{id}/orders"), http.GetStringAsync($"{systemB.Address}/customers/{id}/tickets"));
    return new PopSample(caller, lag, Since(start), first, null);
}

void Report(string what, OpenLoopResult<PopSample> run)
{
    var problems = run.Results.Where(s => s.Problem is not null).ToList();
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {run.Results.Length} at {run.AchievedPerSecond:F1}/s, p50 {Percentiles.Of(run.Results.Select(s => s.TotalMs), 0.5)} ms, p99 {Percentiles.Of(run.Results.Select(s => s.TotalMs), 0.99)} ms, {problems.Count} with problems"));
    foreach (var problem in problems.GroupBy(p => p.Problem).Take(5))
    {
        Console.Error.WriteLine($"  {problem.Count()} x {problem.Key}");
    }
}

var figures = new Dictionary<string, object> { ["rate"] = rate, ["duration_s"] = durationSeconds };
using var allocations = Environment.GetEnvironmentVariable("BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
using var pauses = new GcPauses();

// 1. Cache off: every pop calls both systems.
await using (var hub = await StartHubAsync("hub-cache-off.db", 0))
{
    var engine = hub.GetRequiredService<ScreenPopEngine>();
    Console.Error.WriteLine($"system A (20 ms) at {systemA.Address}, system B (80 ms) at {systemB.Address}; warming up in rounds of {warmupSeconds} s at {rate}/s until the JIT is quiet");
    var warmup = await JitWarmup.RunAsync(
        async () =>
        {
            var warm = Take(warmupSeconds);
            Report("warm-up", await OpenLoop.RunAsync(rate, warm.Length, (i, due) => PopAsync(engine, "warm", warm[i], due)));
        },
        maxWarmupRounds,
        Console.Error.WriteLine);
    figures["warmup_s"] = Math.Round(warmup.Seconds);
    figures["warmup_last_round_methods"] = warmup.LastRoundMethods;
    figures["warmup_methods_compiled"] = warmup.MethodsCompiled;
    figures["warmup_compile_ms"] = Math.Round(warmup.CompileMs);
    var measured = Take(durationSeconds);
    Console.Error.WriteLine($"cache off: {durationSeconds} s at {rate}/s");
    var cpu = Environment.CpuUsage.TotalTime;
    var gc = GcFigures.Take();
    var allocated = GC.GetTotalAllocatedBytes();
    var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
    allocations?.Reset();
    var run = await OpenLoop.RunAsync(rate, measured.Length, (i, due) => PopAsync(engine, "pop", measured[i], due));
    figures["jit_methods_during_run"] = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods;
    figures["cpu_ms_per_pop"] = Math.Round((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / measured.Length, 3);
    figures["allocated_kib_per_pop"] = Math.Round((GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / measured.Length, 1);
    foreach (var (type, bytes) in allocations?.Top(40) ?? [])
    {
        Console.Error.WriteLine($"  allocated {bytes / 1024.0 / measured.Length,8:F1} KiB per pop  {type}");
    }
    gc.Since().AddTo(figures, "gc_");
    Report("cache off", run);
    if (Environment.GetEnvironmentVariable("BENCH_GC_LOG") == "1")
    {
        foreach (var line in pauses.Describe())
        {
            Console.Error.WriteLine("  GC " + line);
        }
    }

    var ok = run.Results.Where(s => s.Problem is null && systemA.SawWholeChain(s.Caller) && systemB.SawWholeChain(s.Caller)).ToList();
    var slowest = ok.Select(s => Math.Max(systemA.ChainMs(s.Caller), systemB.ChainMs(s.Caller))).ToList();
    var overhead = ok.Select(s => s.TotalMs - Math.Max(systemA.ChainMs(s.Caller), systemB.ChainMs(s.Caller))).ToList();
    figures["pops"] = run.Results.Length;
    figures["pops_with_problems"] = run.Results.Length - ok.Count;
    figures["achieved_per_s"] = Math.Round(run.AchievedPerSecond, 1);
    figures["total_p50_ms"] = Percentiles.Of(run.Results.Select(s => s.TotalMs), 0.50);
    figures["total_p99_ms"] = Percentiles.Of(run.Results.Select(s => s.TotalMs), 0.99);
    figures["total_max_ms"] = Percentiles.Of(run.Results.Select(s => s.TotalMs), 1.0);
    figures["first_partial_p50_ms"] = Percentiles.Of(run.Results.Where(s => s.FirstPartialMs >= 0).Select(s => s.FirstPartialMs), 0.50);
    figures["first_partial_p99_ms"] = Percentiles.Of(run.Results.Where(s => s.FirstPartialMs >= 0).Select(s => s.FirstPartialMs), 0.99);
    figures["slowest_p50_ms"] = Percentiles.Of(slowest, 0.50);
    figures["slowest_p99_ms"] = Percentiles.Of(slowest, 0.99);
    figures["sum_of_chains_p50_ms"] = Percentiles.Of(ok.Select(s => systemA.ChainMs(s.Caller) + systemB.ChainMs(s.Caller)), 0.50);
    figures["overhead_p50_ms"] = Percentiles.Of(overhead, 0.50);
    figures["overhead_p99_ms"] = Percentiles.Of(overhead, 0.99);
    figures["overhead_max_ms"] = Percentiles.Of(overhead, 1.0);
    // The same tail in each 10-s window of the run (2,000 pops at 200/s): a window holds a handful of collections, and
    // where they fall moves its p99; the spread says how far one short run's figure can be trusted.
    figures["overhead_p99_per_10s_ms"] = string.Join(" / ", overhead.Chunk(Math.Max(1, rate * 10)).Select(w =>
        Percentiles.Of(w, 0.99).ToString("0.0", CultureInfo.InvariantCulture)));
    // How much of the tail is the garbage collector's: the overhead less the time the process was paused during the pop,
    // and how many of the pops over the 5 ms target were paused at all.
    var paused = ok.Select(s => pauses.PausedWithin(s.Started, s.Ended)).ToList();
    figures["overhead_without_gc_p99_ms"] = Percentiles.Of(overhead.Zip(paused, (o, p) => o - p), 0.99);
    var over = overhead.Select((o, i) => (Overhead: o, Paused: paused[i])).Where(x => x.Overhead > 5).ToList();
    figures["pops_over_5ms"] = over.Count;
    figures["pops_over_5ms_paused_by_gc"] = over.Count(x => x.Paused > 0);
    figures["pops_paused_by_gc"] = paused.Count(p => p > 0);
    // Where B's chain (the critical path) waited on the hub: before its first request, between its answer and the
    // details' requests, after the last answer.
    var gaps = ok.Select(s => systemB.Gaps(s.Caller, s.Started, s.Ended)).ToList();
    foreach (var (name, values) in new[] { ("lead", gaps.Select(g => g.Lead)), ("hop", gaps.Select(g => g.Hop)), ("tail", gaps.Select(g => g.Tail)) })
    {
        figures[$"{name}_p50_ms"] = Percentiles.Of(values, 0.50);
        figures[$"{name}_p99_ms"] = Percentiles.Of(values, 0.99);
    }

    // BENCH_POPS_CSV=path writes every measured pop (start in ms from the run's first, overhead, gaps, GC pause inside).
    if (Environment.GetEnvironmentVariable("BENCH_POPS_CSV") is { Length: > 0 } csv)
    {
        var origin = ok.Min(s => s.Started);
        File.WriteAllLines(csv, ok.Select((s, i) => string.Create(CultureInfo.InvariantCulture,
            $"{(s.Started - origin) * 1000.0 / Stopwatch.Frequency:F3},{overhead[i]:F3},{gaps[i].Lead:F3},{gaps[i].Hop:F3},{gaps[i].Tail:F3},{paused[i]:F3}")).Prepend("start_ms,overhead_ms,lead_ms,hop_ms,tail_ms,gc_paused_ms"));
    }

    figures["start_lag_p99_ms"] = Percentiles.Of(run.Results.Select(s => s.StartLagMs), 0.99);
    figures["total_from_due_p99_ms"] = Percentiles.Of(run.Results.Select(s => s.StartLagMs + s.TotalMs), 0.99);
}

// 2. Cache on: fill with one pass, then pop the same numbers again (new calls).
await using (var hub = await StartHubAsync("hub-cache-on.db", 60))
{
    var engine = hub.GetRequiredService<ScreenPopEngine>();
    var cached = Take(cacheSeconds);
    Console.Error.WriteLine($"cache on: filling with {cached.Length} callers at {rate}/s");
    Report("cache fill", await OpenLoop.RunAsync(rate, cached.Length, (i, due) => PopAsync(engine, "fill", cached[i], due)));
    var before = systemA.Requests + systemB.Requests;
    var cpu = Environment.CpuUsage.TotalTime;
    var run = await OpenLoop.RunAsync(rate, cached.Length, (i, due) => PopAsync(engine, "hit", cached[i], due));
    figures["hit_cpu_ms_per_pop"] = Math.Round((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / cached.Length, 3);
    Report("cache hits", run);
    figures["hit_pops"] = run.Results.Length;
    figures["hit_pops_with_problems"] = run.Results.Count(s => s.Problem is not null);
    figures["hit_stub_requests"] = systemA.Requests + systemB.Requests - before;
    figures["hit_achieved_per_s"] = Math.Round(run.AchievedPerSecond, 1);
    figures["hit_p50_ms"] = Percentiles.Of(run.Results.Select(s => s.TotalMs), 0.50);
    figures["hit_p99_ms"] = Percentiles.Of(run.Results.Select(s => s.TotalMs), 0.99);
    figures["hit_max_ms"] = Percentiles.Of(run.Results.Select(s => s.TotalMs), 1.0);
    figures["hit_first_partial_p99_ms"] = Percentiles.Of(run.Results.Where(s => s.FirstPartialMs >= 0).Select(s => s.FirstPartialMs), 0.99);
}

// 3. Baseline: the same chain of requests to B with a bare HttpClient.
await JitWarmup.RunAsync(
    async () =>
    {
        var bareWarm = Take(BareWarmupSeconds);
        Report("bare warm-up", await OpenLoop.RunAsync(rate, bareWarm.Length, (i, due) => BareAsync(bareWarm[i], due)));
    },
    MaxBareWarmupRounds,
    Console.Error.WriteLine);
var bareCallers = Take(bareSeconds);
var bareCpu = Environment.CpuUsage.TotalTime;
var bareAllocated = GC.GetTotalAllocatedBytes();
var bare = await OpenLoop.RunAsync(rate, bareCallers.Length, (i, due) => BareAsync(bareCallers[i], due));
figures["bare_cpu_ms_per_chain"] = Math.Round((Environment.CpuUsage.TotalTime - bareCpu).TotalMilliseconds / bareCallers.Length, 3);
figures["bare_allocated_kib_per_chain"] = Math.Round((GC.GetTotalAllocatedBytes() - bareAllocated) / 1024.0 / bareCallers.Length, 1);
Report("bare HttpClient chain to B", bare);
var bareOverhead = bare.Results.Select(s => s.TotalMs - systemB.ChainMs(s.Caller)).ToList();
figures["bare_requests"] = bare.Results.Length;
figures["bare_achieved_per_s"] = Math.Round(bare.AchievedPerSecond, 1);
figures["bare_p50_ms"] = Percentiles.Of(bare.Results.Select(s => s.TotalMs), 0.50);
figures["bare_p99_ms"] = Percentiles.Of(bare.Results.Select(s => s.TotalMs), 0.99);
figures["bare_overhead_p50_ms"] = Percentiles.Of(bareOverhead, 0.50);
figures["bare_overhead_p99_ms"] = Percentiles.Of(bareOverhead, 0.99);
figures["ratio_p50"] = Math.Round((double)figures["total_p50_ms"] / (double)figures["bare_p50_ms"], 3);
figures["ratio_p99"] = Math.Round((double)figures["total_p99_ms"] / (double)figures["bare_p99_ms"], 3);

// Pooled connections keep the database files open.
SqliteConnection.ClearAllPools();
Directory.Delete(directory, recursive: true);
Console.WriteLine(JsonSerializer.Serialize(figures));
return 0;
