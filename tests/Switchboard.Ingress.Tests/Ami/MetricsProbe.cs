using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.Ingress.Tests.Ami;

/// <summary>An <see cref="IngressMetrics"/> of its own, with a listener that sums its counters by name and tags.</summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public MetricsProbe()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new IngressMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this probe's meter: tests running in parallel have meters of the same name.
            if (instrument.Meter.Name == IngressMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().Select(tag => $"|{tag.Key}={tag.Value}"));
            _totals.AddOrUpdate(key, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public IngressMetrics Metrics { get; }

    public long Rejected(string ingress, string reason) =>
        _totals.GetValueOrDefault($"switchboard.ingress.requests.rejected|ingress={ingress}|reason={reason}");

    public long Accepted(string ingress) => _totals.GetValueOrDefault($"switchboard.ingress.events.accepted|ingress={ingress}");

    public long Duplicates(string ingress) => _totals.GetValueOrDefault($"switchboard.ingress.events.duplicate|ingress={ingress}");

    public void Dispose()
    {
        _listener.Dispose();
        Metrics.Dispose();
        _services.Dispose();
    }
}
