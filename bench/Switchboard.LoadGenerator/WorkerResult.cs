namespace Switchboard.LoadGenerator;

/// <summary>What one connection worker saw; merged into the report at the end.</summary>
internal sealed class WorkerResult
{
    public long Sent { get; set; }

    public long Ok { get; set; }

    public long Errors { get; set; }

    /// <summary>Latencies in Stopwatch ticks from the intended send time, one per response received.</summary>
    public List<long> Latencies { get; } = new(capacity: 4096);
}
