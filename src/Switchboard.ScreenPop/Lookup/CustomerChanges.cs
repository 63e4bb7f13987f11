namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Counts customer changes seen by this process (its own invalidations, customers created from a pop, and changes
/// other hub processes announced through a shared cache). Whatever began before a change must not outlive it: a pop's
/// last snapshot is reused, and a system's answer is kept in the cache, only while the count has not moved since.
/// </summary>
/// <remarks>
/// A pick is counted apart: it changes how later calls from the number open (the pop's reuse stamp), not what any
/// system answers, so answers asked for meanwhile are still kept.
/// </remarks>
internal sealed class CustomerChanges
{
    private long _count;
    private long _picks;

    /// <summary>Customer changes so far.</summary>
    public long Current => Interlocked.Read(ref _count);

    /// <summary>Customer changes and picks so far: a pop's last snapshot is reused only while this stays the same.</summary>
    public long ReuseStamp => Current + Interlocked.Read(ref _picks);

    public void Bump() => Interlocked.Increment(ref _count);

    /// <summary>Counts a pick; returns the new reuse stamp.</summary>
    public long Picked()
    {
        Interlocked.Increment(ref _picks);
        return ReuseStamp;
    }
}
