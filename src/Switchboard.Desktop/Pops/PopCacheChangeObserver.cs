using Switchboard.ScreenPop;
using Switchboard.Sync;

namespace Switchboard.Desktop.Pops;

/// <summary>
/// An order or ticket a system reported changed must not pop from the cached list that still shows it as it was:
/// drops the cached answers that mention the record (its id in that system), in every hub process sharing the cache,
/// whether the hub applied the change or passed it over (a record of a customer only that system knows).
/// </summary>
public sealed class PopCacheChangeObserver(ScreenPopEngine pops) : IReportedChangeObserver
{
    public Task ReportedAsync(string system, string kind, string externalId, CancellationToken ct) =>
        pops.CustomersChangedAsync([], [(system, externalId)], ct);
}
