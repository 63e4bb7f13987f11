// Measures the hub's own overhead per operation call. One process holds a stub system (Kestrel on
// 127.0.0.1 answering a customer search with two records) and calls it in alternating blocks:
//   bare: HttpClient GET of the same URL, body read as a string (what any hand-written client does);
//   hub:  ConnectorRegistry.InvokeAsync(customer.findByPhone) configured in YAML: template render,
//         auth header, allow-list, resilience pipeline (retry, breaker, rate and concurrency limits),
//         JSONPath mapping with typed fields.
// Prints one JSON object: per-call p50/p99 for both, the overhead (hub minus bare) and the ratio.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Benchmarks.Shared;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;

var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
const int Block = 500;

const string Body = """
    { "records": [
      { "id": "C-1001", "firstName": "Ada", "lastName": "Lovelace", "phone": "+49 30 1234567", "email": "ada@example.com", "balance": "1250.50", "lastModified": "2024-05-01T08:00:00Z", "version": 7 },
      { "id": "C-1002", "firstName": "Grace", "lastName": "Hopper", "phone": "+49 30 1234567", "email": "grace@example.com", "balance": "0", "lastModified": "2024-05-02T09:30:00Z", "version": 3 } ] }
    """;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var stub = builder.Build();
stub.MapGet("/api/contacts", (HttpContext context) =>
    context.Request.Headers["X-Api-Key"] == "bench-key" ? Results.Text(Body, "application/json") : Results.Unauthorized());
await stub.StartAsync();
var address = stub.Urls.First();

var directory = Directory.CreateTempSubdirectory("switchboard-bench-connector").FullName;
File.WriteAllText(Path.Combine(directory, "switchboard.yaml"), "hub:\n  name: bench\nphone:\n  defaultRegion: DE\n");
Directory.CreateDirectory(Path.Combine(directory, "systems"));
File.WriteAllText(Path.Combine(directory, "systems", "stub.yaml"), $$$"""
    name: stub
    protocol: rest
    mode: on
    address: {{{address}}}/
    allowPrivateNetworks: true
    auth: { type: apiKey, header: X-Api-Key, key: "${env:BENCH_STUB_KEY}" }
    concurrency: 64
    rateLimit: { perSecond: 100000 }
    operations:
      customer.findByPhone:
        path: /api/contacts?phone={{ phone | url_encode }}
        headers: { Accept: application/json }
        response:
          items: $.records[*]
          fields:
            externalId: $.id
            firstName: $.firstName
            lastName: $.lastName
            phone: { path: $.phone, type: phone }
            email: $.email
            balance: { path: $.balance, type: decimal }
            updatedAt: { path: $.lastModified, type: dateTime }
            version: { path: $.version, type: integer }
    """);
Environment.SetEnvironmentVariable("BENCH_STUB_KEY", "bench-key");
var loaded = ConfigurationLoader.Load(directory);
if (!loaded.IsValid)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, loaded.Errors));
    return 1;
}

await using var registry = ConnectorServiceCollectionExtensions.CreateRegistry(loaded.Configuration!, NullLoggerFactory.Instance);
using var bare = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
var url = $"{address}/api/contacts?phone={Uri.EscapeDataString("+49301234567")}";
var arguments = OperationArguments.From(("phone", "+49301234567"));

async Task Bare()
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.Add("X-Api-Key", "bench-key");
    using var response = await bare.SendAsync(request);
    response.EnsureSuccessStatusCode();
    _ = await response.Content.ReadAsStringAsync();
}

async Task Hub()
{
    var result = await registry.InvokeAsync("stub", "customer.findByPhone", arguments, CancellationToken.None);
    if (result.Records.Count != 2)
    {
        throw new InvalidOperationException("the hub mapped the wrong number of records");
    }
}

async Task<List<double>> Measure(Func<Task> call, int count)
{
    var samples = new List<double>(count);
    var next = 0;
    async Task Worker()
    {
        while (Interlocked.Increment(ref next) <= count)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            lock (samples)
            {
                samples.Add(elapsed);
            }
        }
    }

    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
    return samples;
}

Console.Error.WriteLine($"stub at {address}; warming up until the JIT is quiet");
var warmup = await JitWarmup.RunAsync(
    async () =>
    {
        await Measure(Bare, 2_000);
        await Measure(Hub, 2_000);
    },
    maxRounds: 15,
    Console.Error.WriteLine);

var bareSamples = new List<double>();
var hubSamples = new List<double>();
var bareTime = TimeSpan.Zero;
var hubTime = TimeSpan.Zero;
// Bytes the whole process allocated during each side's blocks (the stub's share is the same on both sides).
long bareAllocated = 0, hubAllocated = 0;
for (var done = 0; done < calls; done += Block)
{
    var t = Stopwatch.GetTimestamp();
    var allocated = GC.GetTotalAllocatedBytes();
    bareSamples.AddRange(await Measure(Bare, Block));
    bareTime += Stopwatch.GetElapsedTime(t);
    bareAllocated += GC.GetTotalAllocatedBytes() - allocated;
    t = Stopwatch.GetTimestamp();
    allocated = GC.GetTotalAllocatedBytes();
    hubSamples.AddRange(await Measure(Hub, Block));
    hubTime += Stopwatch.GetElapsedTime(t);
    hubAllocated += GC.GetTotalAllocatedBytes() - allocated;
    if (done % 5_000 == 0)
    {
        Console.Error.WriteLine($"{done + Block}/{calls} calls each");
    }
}

static double Percentile(List<double> samples, double p)
{
    var sorted = samples.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

var figures = new Dictionary<string, object>
{
    ["calls"] = calls,
    ["concurrency"] = concurrency,
    ["warmup_rounds"] = warmup.Rounds,
    ["warmup_methods_compiled"] = warmup.MethodsCompiled,
    ["warmup_last_round_methods"] = warmup.LastRoundMethods,
    ["bare_p50_ms"] = Math.Round(Percentile(bareSamples, 0.50), 3),
    ["bare_p99_ms"] = Math.Round(Percentile(bareSamples, 0.99), 3),
    ["hub_p50_ms"] = Math.Round(Percentile(hubSamples, 0.50), 3),
    ["hub_p99_ms"] = Math.Round(Percentile(hubSamples, 0.99), 3),
    ["bare_calls_per_s"] = Math.Round(calls / bareTime.TotalSeconds, 0),
    ["hub_calls_per_s"] = Math.Round(calls / hubTime.TotalSeconds, 0),
    ["bare_allocated_kib_per_call"] = Math.Round(bareAllocated / 1024.0 / calls, 1),
    ["hub_allocated_kib_per_call"] = Math.Round(hubAllocated / 1024.0 / calls, 1),
};
figures["overhead_p50_ms"] = Math.Round((double)figures["hub_p50_ms"] - (double)figures["bare_p50_ms"], 3);
figures["overhead_p99_ms"] = Math.Round((double)figures["hub_p99_ms"] - (double)figures["bare_p99_ms"], 3);
figures["ratio_p50"] = Math.Round((double)figures["hub_p50_ms"] / (double)figures["bare_p50_ms"], 2);
figures["ratio_p99"] = Math.Round((double)figures["hub_p99_ms"] / (double)figures["bare_p99_ms"], 2);
figures["throughput_ratio"] = Math.Round((double)figures["hub_calls_per_s"] / (double)figures["bare_calls_per_s"], 2);

await stub.StopAsync();
Directory.Delete(directory, recursive: true);
Console.WriteLine(JsonSerializer.Serialize(figures));
return 0;
