using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchboard.Server.Hosting;
using Switchboard.Storage;

namespace Switchboard.Server.Health;

/// <summary>Ready when the schema is migrated and the database answers a ping within two seconds.</summary>
public sealed class StorageHealthCheck(IStorageProvider storage, StorageReadiness readiness) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsMigrated)
        {
            return HealthCheckResult.Unhealthy($"{storage.Description}: {readiness.LastError}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await storage.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy(storage.Description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {PingTimeout.TotalSeconds:0} s" : ex.Message;
            return HealthCheckResult.Unhealthy($"{storage.Description}: database unreachable: {reason}");
        }
    }
}
