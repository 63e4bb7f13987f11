using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Switchboard.LoadGenerator;

/// <summary>
/// Open-loop load: request i is due at start + i / rate, whatever happened to the ones before.
/// A pacer thread wakes every ~0.2 ms (nanosleep is that precise; .NET timers tick in 1 ms) and
/// hands each due slot to an idle connection, or queues it when all are busy; a connection that
/// finishes takes the oldest queued slot. Latency is measured from the slot's INTENDED time, so
/// time spent queued behind a slow server is counted, not hidden (coordinated omission).
/// Sends happen on the pacer thread and responses complete on the socket threads, so the
/// generator costs little CPU next to the server on a 2-core machine.
/// </summary>
internal sealed class OpenLoopRun
{
    private static readonly TimeSpan PacerStep = TimeSpan.FromMilliseconds(0.2);

    private readonly Lock _lock = new();
    private readonly Stack<Slot> _idle = new();
    private readonly Queue<long> _backlog = new();
    private readonly RequestTemplate _request;
    private readonly TimeSpan _timeout;
    private readonly TaskCompletionSource _allIdle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _connections;
    private long _giveUpAt;
    private bool _pacingDone;

    private OpenLoopRun(RequestTemplate request, TimeSpan timeout, int connections)
    {
        _request = request;
        _timeout = timeout;
        _connections = connections;
    }

    public static async Task<LoadReport> RunAsync(LoadOptions options, RequestTemplate request, CancellationToken cancellationToken)
    {
        var endPoint = await ResolveAsync(options.Url, cancellationToken);
        var tls = TlsSettings.For(options.Url);
        var run = new OpenLoopRun(request, options.Timeout, options.Connections);
        var count = (long)Math.Round(options.Rate * options.Duration.TotalSeconds);
        // Slots go to whichever connection is free, so allow each one a generous share.
        var expected = (int)Math.Min(count, (count * 2 / options.Connections) + 1024);
        var slots = new Slot[options.Connections];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new Slot(new HttpConnection(endPoint, tls), request.Bytes.ToArray(), expected);
            await slots[i].Connection.ConnectAsync(cancellationToken);
            run._idle.Push(slots[i]);
        }

        // Start a little ahead so the pacer is running when the first slot falls due.
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 50;
        run._giveUpAt = start + (long)((options.Duration + options.Drain).TotalSeconds * Stopwatch.Frequency);
        var pacer = new Thread(() => run.Pace(start, count, Stopwatch.Frequency / options.Rate, cancellationToken))
        {
            IsBackground = true,
            Name = "pacer",
        };
        pacer.Start();

        await run._allIdle.Task.WaitAsync(options.Duration + options.Drain + options.Timeout + TimeSpan.FromSeconds(5), CancellationToken.None);
        var finished = Stopwatch.GetTimestamp();
        pacer.Join();

        foreach (var slot in slots)
        {
            await slot.Connection.DisposeAsync();
            slot.Timeout.Dispose();
        }

        var results = slots.Select(slot => slot.Result).ToArray();
        return LoadReport.From(options, count, results, Stopwatch.GetElapsedTime(start, finished));
    }

    private void Pace(long start, long count, double ticksPerSlot, CancellationToken cancellationToken)
    {
        long next = 0;
        while (next < count && !cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < count)
            {
                var intended = start + (long)(next * ticksPerSlot);
                if (intended > now)
                {
                    break;
                }

                Slot? idle = null;
                lock (_lock)
                {
                    if (_idle.Count > 0)
                    {
                        idle = _idle.Pop();
                    }
                    else
                    {
                        _backlog.Enqueue(intended);
                    }
                }

                if (idle is not null)
                {
                    _ = SendAsync(idle, intended);
                }

                next++;
            }

            Thread.Sleep(PacerStep);
        }

        lock (_lock)
        {
            _pacingDone = true;
            if (cancellationToken.IsCancellationRequested)
            {
                _backlog.Clear();
            }

            if (_idle.Count == _connections)
            {
                _allIdle.TrySetResult();
            }
        }
    }

    private async Task SendAsync(Slot slot, long intended)
    {
        while (true)
        {
            await SendOneAsync(slot, intended);

            lock (_lock)
            {
                // Past the drain time the backlog is dropped, not sent (the report counts it).
                if (_backlog.Count > 0 && Stopwatch.GetTimestamp() > _giveUpAt)
                {
                    _backlog.Clear();
                }

                if (!_backlog.TryDequeue(out intended))
                {
                    _idle.Push(slot);
                    if (_pacingDone && _idle.Count == _connections)
                    {
                        _allIdle.TrySetResult();
                    }

                    return;
                }
            }
        }
    }

    private async Task SendOneAsync(Slot slot, long intended)
    {
        if (!slot.Timeout.TryReset())
        {
            // A timed-out source cannot be reused.
            slot.Timeout.Dispose();
            slot.Timeout = new CancellationTokenSource();
        }

        slot.Timeout.CancelAfter(_timeout);
        var result = slot.Result;
        result.Sent++;
        // One request in flight per connection: its own copy of the bytes is free to stamp.
        _request.Stamp(slot.Request);
        try
        {
            var status = await slot.Connection.SendAsync(slot.Request, slot.Timeout.Token);
            result.Latencies.Add(Stopwatch.GetTimestamp() - intended);
            if (status is >= 200 and < 300)
            {
                result.Ok++;
            }
            else
            {
                result.Errors++;
            }
        }
        catch (Exception error) when (error is IOException or SocketException or FormatException or OperationCanceledException or AuthenticationException)
        {
            // Timeouts, resets and broken responses count as errors; the connection reconnects.
            result.Errors++;
        }
    }

    private static async Task<IPEndPoint> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            var addresses = await Dns.GetHostAddressesAsync(url.Host, cancellationToken);
            address = addresses.First();
        }

        return new IPEndPoint(address, url.Port);
    }

    /// <summary>One connection with at most one request in flight, and what it measured.</summary>
    private sealed class Slot(HttpConnection connection, byte[] request, int expected)
    {
        public HttpConnection Connection { get; } = connection;

        /// <summary>This connection's copy of the request, stamped with a fresh counter before each send.</summary>
        public byte[] Request { get; } = request;

        public WorkerResult Result { get; } = new(expected);

        public CancellationTokenSource Timeout { get; set; } = new();
    }
}
