using System.Diagnostics.Metrics;

namespace Switchboard.Ingress;

/// <summary>
/// Counters every ingress reports to: events accepted, duplicates, and rejections by ingress and reason.
/// Meter <c>Switchboard.Ingress</c>; exported with the hub's other metrics.
/// </summary>
public sealed class IngressMetrics : IDisposable
{
    public const string MeterName = "Switchboard.Ingress";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;

    public IngressMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _accepted = _meter.CreateCounter<long>("switchboard.ingress.events.accepted", "{event}", "Events committed to the journal");
        _duplicates = _meter.CreateCounter<long>("switchboard.ingress.events.duplicate", "{event}", "Events whose id was already committed");
        _rejected = _meter.CreateCounter<long>("switchboard.ingress.requests.rejected", "{request}", "Requests or events refused, by ingress and reason");
    }

    /// <param name="ingress">rest, soap, webhook:NAME, ami:NAME</param>
    public void Accepted(string ingress, int count = 1) => _accepted.Add(count, new KeyValuePair<string, object?>("ingress", ingress));

    public void Duplicate(string ingress, int count = 1) => _duplicates.Add(count, new KeyValuePair<string, object?>("ingress", ingress));

    /// <param name="reason">A short stable code: malformed, invalid, oversize, batch_too_large, bad_signature, stale_signature, unknown_type, unauthorized.</param>
    public void Rejected(string ingress, string reason, int count = 1) =>
        _rejected.Add(count, new KeyValuePair<string, object?>("ingress", ingress), new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
