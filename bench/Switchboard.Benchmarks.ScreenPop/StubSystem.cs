using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>
/// A business system on Kestrel (127.0.0.1, a free port) that knows caller <c>i</c> by the number
/// <see cref="Phone"/>(i) and by the id <c>{prefix}-{i}</c>, and answers every operation after the
/// same fixed delay. Each handler's own time (from entering it to handing back the answer, the delay
/// included) is recorded per caller and operation: the time the system itself took, as it saw it.
/// </summary>
internal sealed class StubSystem : IAsyncDisposable
{
    private const int Find = 0;
    private const int Orders = 1;
    private const int Tickets = 2;

    private readonly WebApplication _app;
    private readonly double[,] _handlerMs;
    private readonly long[,] _entered;
    private readonly long[,] _left;
    private long _requests;

    private StubSystem(string prefix, int delayMs, int callers)
    {
        Prefix = prefix;
        DelayMs = delayMs;
        _handlerMs = new double[callers, 3];
        _entered = new long[callers, 3];
        _left = new long[callers, 3];
        // No configuration reload: its watcher would follow the working directory (the repository) recursively.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/customers", (string phone) => Answer(Find, CallerOf(phone), c => Records(Customer(c))));
        _app.MapGet("/customers/{id}/orders", (string id) => Answer(Orders, CallerOf(id), c => Records(Order(c, 1, "shipped"), Order(c, 2, "open"))));
        _app.MapGet("/customers/{id}/tickets", (string id) => Answer(Tickets, CallerOf(id), c => Records(Ticket(c, 1, "open"), Ticket(c, 2, "closed"))));
    }

    public string Prefix { get; }

    public int DelayMs { get; }

    public string Address => _app.Urls.First();

    /// <summary>Requests answered since the start.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Caller <paramref name="caller"/>'s number: Berlin, +49 30 5xxxxxxx.</summary>
    public static string Phone(int caller) => "+49305" + caller.ToString("D7", CultureInfo.InvariantCulture);

    public static async Task<StubSystem> StartAsync(string prefix, int delayMs, int callers)
    {
        var stub = new StubSystem(prefix, delayMs, callers);
        await stub._app.StartAsync();
        return stub;
    }

    /// <summary>What this system's own chain took for the caller: its findByPhone, then the slower of its two detail lists (which run in parallel).</summary>
    public double ChainMs(int caller) =>
        Volatile.Read(ref _handlerMs[caller, Find]) + Math.Max(Volatile.Read(ref _handlerMs[caller, Orders]), Volatile.Read(ref _handlerMs[caller, Tickets]));

    /// <summary>True when all three operations of the caller were answered (so <see cref="ChainMs"/> is complete).</summary>
    public bool SawWholeChain(int caller) =>
        Volatile.Read(ref _handlerMs[caller, Find]) > 0 && Volatile.Read(ref _handlerMs[caller, Orders]) > 0 && Volatile.Read(ref _handlerMs[caller, Tickets]) > 0;

    /// <summary>
    /// Where the caller's pop spent the time this system did not (Stopwatch timestamps, <paramref name="popStarted"/> and
    /// <paramref name="popEnded"/> the pop's own): until its findByPhone handler was entered (the request built, sent and
    /// routed), from leaving that handler to entering the detail list that finished last (the answer read, mapped and
    /// merged, the details' requests started), and from leaving that list's handler to the pop's end.
    /// </summary>
    public (double Lead, double Hop, double Tail) Gaps(int caller, long popStarted, long popEnded)
    {
        var last = Volatile.Read(ref _left[caller, Orders]) >= Volatile.Read(ref _left[caller, Tickets]) ? Orders : Tickets;
        static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
        return (Ms(popStarted, Volatile.Read(ref _entered[caller, Find])),
                Ms(Volatile.Read(ref _left[caller, Find]), Volatile.Read(ref _entered[caller, last])),
                Ms(Volatile.Read(ref _left[caller, last]), popEnded));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int CallerOf(string key) =>
        int.Parse(key.AsSpan(key.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Records(params string[] records) => "{ \"records\": [" + string.Join(",", records) + "] }";

    private async Task<IResult> Answer(int operation, int caller, Func<int, string> body)
    {
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _entered[caller, operation], start);
        Interlocked.Increment(ref _requests);
        await Task.Delay(DelayMs);
        var json = body(caller);
        var end = Stopwatch.GetTimestamp();
        Volatile.Write(ref _left[caller, operation], end);
        Volatile.Write(ref _handlerMs[caller, operation], Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        return Results.Text(json, "application/json");
    }

    // Both systems hold the same person (same number, name and email), so the pop merges them into one customer.
    private string Customer(int c) => string.Create(CultureInfo.InvariantCulture, $$"""
        { "id": "{{Prefix}}-{{c:D7}}", "firstName": "Caller", "lastName": "No{{c}}", "phone": "{{Phone(c)}}", "email": "caller{{c}}@example.com" }
        """);

    private string Order(int c, int n, string state) => string.Create(CultureInfo.InvariantCulture, $$"""
        { "no": "{{Prefix}}-SO-{{c}}-{{n}}", "customer": "{{Prefix}}-{{c:D7}}", "state": "{{state}}", "total": "{{100 + n}}.50", "currency": "EUR", "created": "2025-0{{n}}-01T10:00:00Z" }
        """);

    private string Ticket(int c, int n, string state) => string.Create(CultureInfo.InvariantCulture, $$"""
        { "number": "{{Prefix}}-T-{{c}}-{{n}}", "subject": "Question {{n}}", "status": "{{state}}", "priority": "normal", "opened": "2025-0{{n}}-02T09:00:00Z" }
        """);
}
