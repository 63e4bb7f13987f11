namespace Switchboard.Sync;

/// <summary>
/// Told of every change a system reported that is not a repeat of one already applied: applied, created, or passed
/// over because the hub does not know the record or its customer. For whatever keeps copies of systems' answers (the
/// screen pop's cache), which must forget them whether or not the hub stored the change. Called after the change was
/// handled; an observer that fails is logged and changes nothing.
/// </summary>
public interface IReportedChangeObserver
{
    /// <param name="system">The system that reported the change.</param>
    /// <param name="kind"><c>order</c> or <c>ticket</c>.</param>
    /// <param name="externalId">The record's id in that system.</param>
    Task ReportedAsync(string system, string kind, string externalId, CancellationToken ct);
}
