using Switchboard.Delivery;
using Switchboard.Delivery.Monitoring;
using Switchboard.Delivery.Transport;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;

namespace Switchboard.Server.Endpoints;

/// <summary><c>GET /api/v1/delivery/targets</c>: per target system, the queue depth now, what was delivered, failed and dead-lettered since the hub started, and the recent sync lag.</summary>
public static class DeliveryStatusEndpoints
{
    public static RouteGroupBuilder MapDeliveryStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/delivery/targets", GetAsync).RequirePermission(Permission.DeliveryRead).WithTags("Delivery")
            .WithSummary("Each target's queue depth (waiting or in flight), deliveries, failed attempts, dead letters, duplicates suppressed and sync lag p50/p99.");
        return api;
    }

    private static async Task<IResult> GetAsync(DeliveryService service, IDeliveryTransport transport, DeliveryMetrics metrics, CancellationToken ct)
    {
        var targets = new List<DeliveryTargetView>();
        foreach (var name in service.Targets.Union(metrics.Targets.Select(t => t.Target), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var stats = metrics.For(name);
            stats.Pending = await transport.CountPendingAsync(name, ct).ConfigureAwait(false);
            targets.Add(new DeliveryTargetView(
                name, service.Targets.Contains(name, StringComparer.Ordinal), stats.Pending, stats.Delivered, stats.FailedAttempts, stats.DeadLettered,
                stats.DuplicatesSuppressed, stats.LagMs(0.5), stats.LagMs(0.99), stats.LastDeliveredAt, stats.LastError, stats.LastErrorAt));
        }

        return TypedResults.Ok(new DeliveryStatusView(service.Transport, targets));
    }
}
