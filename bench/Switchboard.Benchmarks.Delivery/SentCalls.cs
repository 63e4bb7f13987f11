namespace Switchboard.Benchmarks.Delivery;

/// <summary>What the load generator did per call: when the event was sent and when it was acknowledged (Stopwatch timestamps).</summary>
internal sealed class SentCalls(string[] callIds)
{
    public string[] CallIds { get; } = callIds;

    /// <summary>When the request was handed to the client.</summary>
    public long[] Sent { get; } = new long[callIds.Length];

    /// <summary>When the 2xx answer had been read; 0 when the call failed.</summary>
    public long[] Acked { get; } = new long[callIds.Length];

    public int Errors => Acked.Count(a => a == 0);

    /// <summary>The first failure, for the report.</summary>
    public string? FirstError { get; set; }
}
