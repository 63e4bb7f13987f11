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
    private long _suspended = -1;

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

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case { } name when name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal):
                Interlocked.Exchange(ref _suspended, Ticks(e.TimeStamp));
                break;
            case { } name when name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal):
                var start = Interlocked.Exchange(ref _suspended, -1);
                if (start >= 0)
                {
                    _pauses.Enqueue((start, Ticks(e.TimeStamp)));
                }

                break;
        }
    }

    private long Ticks(DateTime utc) => _originTicks + (long)((utc.ToUniversalTime() - _originUtc).TotalSeconds * Stopwatch.Frequency);
}
