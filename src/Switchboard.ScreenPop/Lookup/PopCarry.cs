using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>What a pop learned that a later pick of the same call builds on.</summary>
internal sealed record PopCarry(
    IReadOnlyList<FoundRecord> Records,
    IReadOnlyList<PopSource> IdentifyingSources,
    IReadOnlyList<OwnedItem<PopOrder>> IvrOrders,
    IReadOnlyList<OwnedItem<PopTicket>> IvrTickets)
{
    public static readonly PopCarry Empty = new([], [], [], []);
}
