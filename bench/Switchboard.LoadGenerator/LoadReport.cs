using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.LoadGenerator;

/// <summary>The figures printed as one JSON object; latencies in milliseconds.</summary>
internal sealed record LoadReport
{
    [JsonPropertyName("target_rps")] public double TargetRps { get; init; }
    [JsonPropertyName("connections")] public int Connections { get; init; }
    [JsonPropertyName("duration_s")] public double DurationSeconds { get; init; }
    [JsonPropertyName("sent")] public long Sent { get; init; }
    [JsonPropertyName("ok")] public long Ok { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
    /// <summary>Slots never sent because the backlog outlived the drain time.</summary>
    [JsonPropertyName("dropped")] public long Dropped { get; init; }
    [JsonPropertyName("rps")] public double Rps { get; init; }
    [JsonPropertyName("p50_ms")] public double P50Ms { get; init; }
    [JsonPropertyName("p90_ms")] public double P90Ms { get; init; }
    [JsonPropertyName("p99_ms")] public double P99Ms { get; init; }
    [JsonPropertyName("max_ms")] public double MaxMs { get; init; }

    public static LoadReport From(LoadOptions options, long slots, IReadOnlyList<WorkerResult> results, TimeSpan elapsed)
    {
        var latencies = results.SelectMany(result => result.Latencies).ToArray();
        Array.Sort(latencies);
        var sent = results.Sum(result => result.Sent);
        return new LoadReport
        {
            TargetRps = Math.Round(options.Rate, 1),
            Connections = options.Connections,
            DurationSeconds = Math.Round(elapsed.TotalSeconds, 3),
            Sent = sent,
            Ok = results.Sum(result => result.Ok),
            Errors = results.Sum(result => result.Errors),
            Dropped = slots - sent,
            Rps = Math.Round(latencies.Length / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
            P50Ms = Percentile(latencies, 0.50),
            P90Ms = Percentile(latencies, 0.90),
            P99Ms = Percentile(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? 0 : Milliseconds(latencies[^1]),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Nearest-rank percentile of sorted tick values, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return Milliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double Milliseconds(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
}
