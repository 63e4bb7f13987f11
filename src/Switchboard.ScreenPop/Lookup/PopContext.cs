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
    /// <summary>
    /// How many of the hub's own lookups (its customers, remembered picks, history) all pops run at once: a burst of
    /// calls must not take every database connection from ingest and delivery (on PostgreSQL, 64 pops of three
    /// lookups each went past the server's connection limit). A lookup waiting for its turn counts against its timeout.
    /// </summary>
    public const int MaxHubQueries = 8;

    public SemaphoreSlim HubQueries { get; } = new(MaxHubQueries, MaxHubQueries);

    public TimeSpan SystemTimeout => TimeSpan.FromMilliseconds(Options.SystemTimeoutMs);

    public TimeSpan Budget => TimeSpan.FromMilliseconds(Options.BudgetMs);
}
