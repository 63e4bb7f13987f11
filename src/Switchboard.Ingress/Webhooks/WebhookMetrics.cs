using System.Diagnostics.Metrics;

namespace Switchboard.Ingress.Webhooks;

/// <summary>
/// What webhooks count beyond <see cref="IngressMetrics"/>: payloads acknowledged but ignored because
/// no rule matched (vendors send many statuses the hub does not need). Meter <c>Switchboard.Ingress</c>.
/// </summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> _ignored;

    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory hands out one shared Meter per name and disposes it; IngressMetrics uses the same one.
        var meter = meters.Create(IngressMetrics.MeterName);
        _ignored = meter.CreateCounter<long>("switchboard.ingress.webhook.ignored", "{request}", "Webhook payloads acknowledged without an event because no rule matched");
    }

    /// <param name="ingress">webhook:NAME</param>
    public void Ignored(string ingress) => _ignored.Add(1, new KeyValuePair<string, object?>("ingress", ingress));
}
