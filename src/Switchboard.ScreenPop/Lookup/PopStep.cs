using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>What one finished lookup contributes to a run; applied by the run's loop, never concurrently.</summary>
internal sealed record PopStep(SourceSlot Slot)
{
    public PopSourceState State { get; init; } = PopSourceState.NoMatch;

    public double? ElapsedMs { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<FoundRecord> Records { get; init; } = [];

    public IReadOnlyList<PopOrder> Orders { get; init; } = [];

    public IReadOnlyList<PopTicket> Tickets { get; init; } = [];

    public IReadOnlyList<PopInteraction> Interactions { get; init; } = [];

    /// <summary>IVR: the customer the quoted order or ticket belongs to, to look up next.</summary>
    public SystemId? CustomerOf { get; init; }

    /// <summary>IVR: which key found it (<c>ivr:orderNumber</c>).</summary>
    public string? Origin { get; init; }

    /// <summary>The remembered pick for the number, from its helper lookup.</summary>
    public string? RememberedKey { get; init; }
}
