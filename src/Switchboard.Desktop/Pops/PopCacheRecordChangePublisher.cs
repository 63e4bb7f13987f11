using Switchboard.ScreenPop;
using Switchboard.Sync;

namespace Switchboard.Desktop.Pops;

/// <summary>
/// An order or ticket a system changed must not pop from the cached list that still shows its old status: drops the
/// cached answers that mention the record (its id in that system), in every hub process sharing the cache.
/// </summary>
public sealed class PopCacheRecordChangePublisher(ScreenPopEngine pops) : IRecordChangePublisher
{
    public async Task PublishAsync(RecordChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        await pops.CustomersChangedAsync([], [(change.System, change.ExternalId)], ct);
    }
}
