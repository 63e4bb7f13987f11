using Microsoft.Extensions.Logging;
using Switchboard.Core.Phones;
using Switchboard.ScreenPop.Links;
using Switchboard.ScreenPop.Remembered;
using Switchboard.Storage.Stores;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>The engine's services a run uses.</summary>
internal sealed record PopContext(
    SystemCalls Calls,
    CustomerStore Customers,
    InteractionStore Interactions,
    RememberedPicks Picks,
    ItemLinks Links,
    PhoneNormalizer Phones,
    ScreenPopOptions Options,
    TimeProvider Time,
    ILogger Logger)
{
    public TimeSpan SystemTimeout => TimeSpan.FromMilliseconds(Options.SystemTimeoutMs);

    public TimeSpan Budget => TimeSpan.FromMilliseconds(Options.BudgetMs);
}
