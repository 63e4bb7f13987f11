using Switchboard.Storage.Migrations;

namespace Switchboard.Server.Hosting;

/// <summary>
/// Migrates the schema at start. When the database is not reachable yet, the hub keeps serving
/// (readiness reports why) and retries with backoff instead of exiting, so an orchestrator can
/// start the hub and its database in any order.
/// </summary>
public sealed partial class StorageInitializer(
    SchemaMigrator migrator,
    StorageReadiness readiness,
    TimeProvider clock,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>Runs the first migration attempt before the host starts serving.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryMigrateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!readiness.IsMigrated && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(delay, clock, stoppingToken);
            await TryMigrateAsync(stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private async Task TryMigrateAsync(CancellationToken ct)
    {
        if (readiness.IsMigrated)
        {
            return;
        }

        try
        {
            await migrator.MigrateAsync(ct);
            readiness.MarkMigrated();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            readiness.MarkFailed(ex.Message);
            LogMigrationFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Database not ready, will retry: {Reason}")]
    private static partial void LogMigrationFailed(ILogger logger, string reason);
}
