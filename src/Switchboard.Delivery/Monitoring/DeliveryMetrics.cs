using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Switchboard.Delivery.Monitoring;

/// <summary>
/// Meter <c>Switchboard.Delivery</c>: messages delivered, attempts failed, dead letters and duplicates suppressed per
/// target; the sync lag histogram (the change to the target's confirmation); the queue depth per target. The same
/// figures, per target, are kept for the status API (<see cref="Targets"/>).
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "Switchboard.Delivery";

    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<double> _lag;
    private readonly ConcurrentDictionary<string, TargetStatistics> _targets = new(StringComparer.Ordinal);

    public DeliveryMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _delivered = _meter.CreateCounter<long>("switchboard.delivery.delivered", "{message}", "Messages the target confirmed");
        _failed = _meter.CreateCounter<long>("switchboard.delivery.attempts.failed", "{attempt}", "Delivery attempts that failed, by target and failure kind");
        _dead = _meter.CreateCounter<long>("switchboard.delivery.dead_lettered", "{message}", "Messages the retry policy gave up on");
        _duplicates = _meter.CreateCounter<long>("switchboard.delivery.duplicates", "{message}", "Messages not sent again because their idempotency key was already confirmed");
        _lag = _meter.CreateHistogram<double>("switchboard.delivery.lag", "ms", "From the change in the hub to the target's confirmation");
        _meter.CreateObservableGauge("switchboard.delivery.queue.depth", () => _targets.Values.Select(t => new Measurement<long>(t.Pending, Tag(t.Target))),
            "{message}", "Messages waiting or in flight, per target");
    }

    public IReadOnlyCollection<TargetStatistics> Targets => [.. _targets.Values.OrderBy(t => t.Target, StringComparer.Ordinal)];

    public TargetStatistics For(string target) => _targets.GetOrAdd(target, static t => new TargetStatistics(t));

    internal void Delivered(string target, DateTimeOffset at, double lagMs)
    {
        For(target).RecordDelivered(at, lagMs);
        _delivered.Add(1, Tag(target));
        _lag.Record(lagMs, Tag(target));
    }

    internal void Failed(string target, string kind, DateTimeOffset at, string error)
    {
        For(target).RecordFailure(at, error);
        _failed.Add(1, Tag(target), new KeyValuePair<string, object?>("kind", kind));
    }

    internal void DeadLettered(string target)
    {
        For(target).RecordDeadLetter();
        _dead.Add(1, Tag(target));
    }

    internal void Duplicate(string target)
    {
        For(target).RecordDuplicate();
        _duplicates.Add(1, Tag(target));
    }

    private static KeyValuePair<string, object?> Tag(string target) => new("target", target);

    public void Dispose() => _meter.Dispose();
}
