namespace Switchboard.Sync;

/// <summary>
/// Tells the agents about a change the hub applied (the desktop implements it over SignalR). Every registered
/// publisher is called after the change is stored; a publisher that fails is logged and does not undo it.
/// </summary>
public interface IRecordChangePublisher
{
    Task PublishAsync(RecordChange change, CancellationToken ct);
}
