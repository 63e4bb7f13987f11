using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>
/// When the runtime stopped the process for garbage collection: each pause from the suspension's start
/// to the restart's end (the runtime's own GC events), on the Stopwatch clock, so a pop's time can be
/// split into what the collector took and the rest.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly long _originTicks = Stopwatch.GetTimestamp();
    private readonly DateTime _originUtc = DateTime.UtcNow;
    private readonly ConcurrentQueue<(long Start, long End)> _pauses = new();
    private readonly ConcurrentQueue<string> _collections = new();
    private long _suspended = -1;
    private long _suspendedAll = -1;
    private long _restarting = -1;
    private string _current = "?";

    /// <summary>Milliseconds of [<paramref name="start"/>, <paramref name="end"/>] (Stopwatch timestamps) the process spent paused.</summary>
    public double PausedWithin(long start, long end)
    {
        var paused = 0L;
        foreach (var (from, to) in _pauses)
        {
            paused += Math.Max(0, Math.Min(end, to) - Math.Max(start, from));
        }

        return paused * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>Each pause so far, one line each: when (ms since this listener began), how long, and the collection in it (generation, type, reason).</summary>
    public IEnumerable<string> Describe() => _collections;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Verbose adds, per collection, the bytes marked from each kind of root (GCMarkWithType), for BENCH_GC_LOG.
            EnableEvents(source, Environment.GetEnvironmentVariable("BENCH_GC_LOG") == "1" ? EventLevel.Verbose : EventLevel.Informational, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case { } name when name.StartsWith("GCStart", StringComparison.Ordinal) && e.Payload is { Count: >= 4 } payload:
                // GCStart_V2: Count, Depth, Reason, Type (0 blocking, 1 background, 2 foreground during a background one).
                _current = $"gen{payload[1]} type {payload[3]} reason {payload[2]}";
                break;
            case { } name when name.StartsWith("GCMarkWithType", StringComparison.Ordinal) && e.Payload is { Count: >= 4 } mark:
                // HeapNum, ClrInstanceID, Type (0 stacks, 1 finalizer queue, 2 handles, 3 older generations, 4 sized refs, 5 overflow), Bytes.
                _current += FormattableString.Invariant($" | heap {mark[0]} root {mark[2]} {Convert.ToInt64(mark[3], System.Globalization.CultureInfo.InvariantCulture) / 1024} KiB");
                break;
            case { } name when name.StartsWith("GCHeapStats", StringComparison.Ordinal) && e.Payload is { Count: >= 6 } stats:
                // GenerationSize0, TotalPromotedSize0, GenerationSize1, TotalPromotedSize1, ...
                _current += FormattableString.Invariant($" | promoted gen0 {Convert.ToInt64(stats[1], System.Globalization.CultureInfo.InvariantCulture) / 1024} KiB gen1 {Convert.ToInt64(stats[3], System.Globalization.CultureInfo.InvariantCulture) / 1024} KiB, gen2 size {Convert.ToInt64(stats[4], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024} MiB");
                break;
            case { } name when name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal):
                Interlocked.Exchange(ref _suspended, Ticks(e.TimeStamp));
                break;
            case { } name when name.StartsWith("GCSuspendEEEnd", StringComparison.Ordinal):
                Interlocked.Exchange(ref _suspendedAll, Ticks(e.TimeStamp));
                break;
            case { } name when name.StartsWith("GCRestartEEBegin", StringComparison.Ordinal):
                Interlocked.Exchange(ref _restarting, Ticks(e.TimeStamp));
                break;
            case { } name when name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal):
                var start = Interlocked.Exchange(ref _suspended, -1);
                if (start >= 0)
                {
                    var end = Ticks(e.TimeStamp);
                    _pauses.Enqueue((start, end));
                    // Suspending (every thread brought to a safe point), collecting, restarting.
                    var suspendedAll = Interlocked.Exchange(ref _suspendedAll, -1);
                    var restarting = Interlocked.Exchange(ref _restarting, -1);
                    var phases = suspendedAll >= start && restarting >= suspendedAll
                        ? FormattableString.Invariant($" (suspend {Ms(suspendedAll - start):F1}, collect {Ms(restarting - suspendedAll):F1}, restart {Ms(end - restarting):F1})")
                        : string.Empty;
                    _collections.Enqueue(FormattableString.Invariant(
                        $"at {Ms(start - _originTicks):F0} ms paused {Ms(end - start):F1} ms{phases}: {_current}"));
                    _current = "?";
                }

                break;
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private long Ticks(DateTime utc) => _originTicks + (long)((utc.ToUniversalTime() - _originUtc).TotalSeconds * Stopwatch.Frequency);
}
