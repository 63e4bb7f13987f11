namespace Switchboard.LoadGenerator;

/// <summary>What one connection worker saw; merged into the report at the end.</summary>
internal sealed class WorkerResult(int expected)
{
    public long Sent { get; set; }

    public long Ok { get; set; }

    public long Errors { get; set; }

    /// <summary>Latencies in Stopwatch ticks from the intended send time, one per response received.</summary>
    /// <remarks>Sized up front: growing a large list mid-run allocates on the large object heap and
    /// can trigger a full collection, a pause the generator would then report as server latency.</remarks>
    public List<long> Latencies { get; } = new(capacity: expected);
}
