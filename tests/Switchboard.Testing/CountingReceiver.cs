using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchboard.Testing;

/// <summary>
/// A CRM stand-in on Kestrel (HTTP, 127.0.0.1) that counts writes by idempotency key, for delivery
/// tests and benchmarks. <c>POST /activities</c> and <c>POST /tasks</c> take a JSON body and need an
/// <c>Idempotency-Key</c> header (400 without it, or for a body that is not JSON); each accepted write
/// is answered <c>201 {"id": "..."}</c> and recorded with its arrival instant and the body's <c>callId</c>.
/// Like a real idempotent API, a key seen again is answered 201 with the id of its first write and
/// counted as a duplicate, not as a new record. <see cref="Down"/> answers 503 to everything while set,
/// and <see cref="Delay"/> holds each answer back (after the write is recorded, as a slow server whose
/// commit is done). Thread-safe and lock-free on the request path.
/// </summary>
public sealed class CountingReceiver : IAsyncDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, KeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceiverArrival> _arrivals = new();
    private readonly ConcurrentDictionary<string, string?> _senders = new(StringComparer.Ordinal);
    private readonly Lock _waitersLock = new();
    private readonly List<Waiter> _waiters = [];
    private int _waiterCount;
    private int _distinct;
    private int _duplicates;
    private int _refused;
    private long _nextId;
    private long _delayTicks;
    private volatile bool _down;

    private CountingReceiver(int port, TimeProvider time)
    {
        _time = time;
        // No reload-on-change: it would watch the working directory recursively, and a hub writing its database in
        // there (bench/delivery.sh) woke that watcher on every write (a tenth of the delivery driver's CPU).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        _app = builder.Build();
        _app.MapPost("/activities", context => ReceiveAsync(context, "act"));
        _app.MapPost("/tasks", context => ReceiveAsync(context, "task"));
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public Uri Address { get; private set; } = null!;

    public int Port => Address.Port;

    /// <summary>While true, every request is answered 503 and nothing is recorded.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>How long each accepted write waits before it is answered (zero: at once).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>
    /// Names the sender of a connection from its remote port (for example the process that holds it, see
    /// <see cref="SocketOwner"/>); asked once per connection, at its first write, and kept in <see cref="ReceiverArrival.Sender"/>.
    /// </summary>
    public Func<int, string?>? IdentifySender { get; set; }

    /// <summary>Distinct idempotency keys accepted.</summary>
    public int Distinct => Volatile.Read(ref _distinct);

    /// <summary>Accepted writes whose key had been accepted before.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Every accepted write: <see cref="Distinct"/> + <see cref="Duplicates"/>.</summary>
    public int Total => Distinct + Duplicates;

    /// <summary>Requests answered 400 (no key, not JSON) or 503 (<see cref="Down"/>); not recorded.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Every accepted write, in the order they were recorded.</summary>
    public IReadOnlyList<ReceiverArrival> Arrivals => _arrivals.ToArray();

    /// <summary>Accepted writes grouped by the body's <c>callId</c> (writes without one are left out), each in arrival order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReceiverArrival>> ArrivalsByCallId =>
        _arrivals.Where(a => a.CallId is not null)
            .GroupBy(a => a.CallId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReceiverArrival>)g.ToList(), StringComparer.Ordinal);

    /// <summary>Keys accepted more than once.</summary>
    public IReadOnlyList<string> DuplicateKeys => _keys.Where(k => k.Value.Count > 1).Select(k => k.Key).ToList();

    /// <summary>Starts the receiver on 127.0.0.1 at <paramref name="port"/> (0: a free port, see <see cref="Address"/>).</summary>
    public static async Task<CountingReceiver> StartAsync(int port = 0, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var receiver = new CountingReceiver(port, timeProvider ?? TimeProvider.System);
        await receiver._app.StartAsync(cancellationToken);
        receiver.Address = new Uri(receiver._app.Urls.First().TrimEnd('/'));
        return receiver;
    }

    /// <summary>How many times <paramref name="idempotencyKey"/> was accepted (0: never).</summary>
    public int CountOf(string idempotencyKey) => _keys.TryGetValue(idempotencyKey, out var record) ? record.Count : 0;

    /// <summary>Waits until at least <paramref name="distinct"/> distinct keys were accepted; throws <see cref="TimeoutException"/> (with the counts) after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(int distinct, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Distinct >= distinct)
        {
            return;
        }

        var waiter = new Waiter(distinct, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waitersLock)
        {
            _waiters.Add(waiter);
            Interlocked.Increment(ref _waiterCount);
        }

        try
        {
            // A key accepted between the first check and the registration would not wake the waiter.
            if (Distinct >= distinct)
            {
                return;
            }

            // Real time: a test that fakes the receiver's clock still wants its wait to end.
            await waiter.Done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"the receiver accepted {Distinct} distinct keys ({Duplicates} duplicates, {Refused} refused) within {timeout.TotalSeconds:0.#} s, not {distinct}"));
        }
        finally
        {
            lock (_waitersLock)
            {
                if (_waiters.Remove(waiter))
                {
                    Interlocked.Decrement(ref _waiterCount);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context, string idPrefix)
    {
        var timestamp = _time.GetTimestamp();
        var receivedAt = _time.GetUtcNow();
        var response = context.Response;
        if (_down)
        {
            Interlocked.Increment(ref _refused);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            await RefuseAsync(response, $"the {IdempotencyKeyHeader} header is required");
            return;
        }

        string? callId;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            callId = CallIdOf(body.RootElement);
        }
        catch (JsonException)
        {
            await RefuseAsync(response, "the body is not JSON");
            return;
        }

        var candidate = new KeyRecord(string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{Interlocked.Increment(ref _nextId):D8}"));
        var record = _keys.GetOrAdd(key, candidate);
        var first = ReferenceEquals(record, candidate);
        record.Seen();
        _arrivals.Enqueue(new ReceiverArrival(context.Request.Path.Value ?? "", key, callId, record.Id, !first, timestamp, receivedAt, SenderOf(context)));
        if (first)
        {
            var distinct = Interlocked.Increment(ref _distinct);
            if (Volatile.Read(ref _waiterCount) > 0)
            {
                Wake(distinct);
            }
        }
        else
        {
            Interlocked.Increment(ref _duplicates);
        }

        var delay = Delay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = "application/json";
        response.Headers.Location = context.Request.Path.Value + "/" + record.Id;
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"id\":\"" + record.Id + "\"}"), context.RequestAborted);
    }

    private string? SenderOf(HttpContext context)
    {
        var identify = IdentifySender;
        return identify is null ? null : _senders.GetOrAdd(context.Connection.Id, _ => identify(context.Connection.RemotePort));
    }

    private async Task RefuseAsync(HttpResponse response, string detail)
    {
        Interlocked.Increment(ref _refused);
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/problem+json";
        await response.WriteAsync(JsonSerializer.Serialize(new { status = 400, title = "Bad request", detail }), response.HttpContext.RequestAborted);
    }

    private static string? CallIdOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("callId", out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private void Wake(int distinct)
    {
        lock (_waitersLock)
        {
            foreach (var waiter in _waiters)
            {
                if (waiter.Distinct <= distinct)
                {
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    private sealed record Waiter(int Distinct, TaskCompletionSource Done);

    private sealed class KeyRecord(string id)
    {
        private int _count;

        public string Id { get; } = id;

        public int Count => Volatile.Read(ref _count);

        public void Seen() => Interlocked.Increment(ref _count);
    }
}
