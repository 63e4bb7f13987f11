using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>
/// Which types the process allocates most, from the runtime's allocation ticks (one event about every
/// 100 KB allocated, naming the type that crossed the mark): a sample, not a count. On with BENCH_ALLOCATIONS=1.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public IEnumerable<(string Type, long Bytes)> Top(int count) =>
        _bytes.OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key, t.Value));

    public void Reset() => _bytes.Clear();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames?.IndexOf("TypeName") is int at and >= 0 ? e.Payload[at] as string ?? "?" : "?";
        var amount = e.PayloadNames?.IndexOf("AllocationAmount64") is int a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }
}
