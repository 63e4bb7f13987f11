namespace Switchboard.ScreenPop.Lookup;

/// <summary>One lookup of a run, mutated only by the run's loop.</summary>
internal sealed class SourceSlot
{
    public required string System { get; init; }

    public required string Operation { get; init; }

    /// <summary>Tells who is calling (phone, IVR, index); the match waits for every such lookup.</summary>
    public bool Identifies { get; init; }

    /// <summary>Looks up an IVR key (or the customer behind one); while such a lookup is pending, whoever the number alone finds is not shown yet.</summary>
    public bool Ivr { get; init; }

    /// <summary>Detail lookups: whose details (<c>system:externalId</c>, or a history key); they count only while that customer is shown.</summary>
    public string? Owner { get; init; }

    /// <summary>Helper lookups (the remembered pick, the hub's cross-reference) are not shown as sources.</summary>
    public bool Visible { get; init; } = true;

    public PopSourceState State { get; private set; } = PopSourceState.Pending;

    public double? ElapsedMs { get; private set; }

    public string? Reason { get; private set; }

    public bool IsPending => State == PopSourceState.Pending;

    // Every snapshot of a pop lists its sources; until the lookup ends, it is the same (immutable) object again.
    private PopSource? _source;

    /// <summary>The lookup answered, failed or ran out of time.</summary>
    public void End(PopSourceState state, double? elapsedMs, string? reason)
    {
        (State, ElapsedMs, Reason) = (state, elapsedMs, reason);
        _source = null;
    }

    public PopSource ToSource() => _source ??= new() { System = System, Operation = Operation, State = State, ElapsedMs = ElapsedMs, Reason = Reason };

    public static SourceSlot Done(PopSource source) => new()
    {
        System = source.System,
        Operation = source.Operation,
        Identifies = true,
        State = source.State,
        ElapsedMs = source.ElapsedMs,
        Reason = source.Reason,
    };
}
