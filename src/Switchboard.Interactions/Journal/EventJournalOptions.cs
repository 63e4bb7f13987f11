namespace Switchboard.Interactions.Journal;

public sealed class EventJournalOptions
{
    /// <summary>Most events committed in one transaction; a group stops growing at this size.</summary>
    public int MaxGroupEvents { get; init; } = 2000;

    /// <summary>Batches waiting for the writer; when full, callers wait (ingest slows instead of memory growing).</summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Journal rows folded into interactions per slice, between two checks for waiting requests; bounds the delay a slice adds to a request.</summary>
    public int AssemblySlice { get; init; } = 32;

    /// <summary>SQLite: how long the writer must have had nothing to commit before it assembles.</summary>
    public TimeSpan AssemblyIdle { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// SQLite: while requests keep the writer busy, a whole slice runs this often: the share of the writer assembly takes when it
    /// is saturated, and the steady stream interactions keep pace with (32 rows every 10 ms: 3,200 events a second).
    /// </summary>
    public TimeSpan AssemblyBusyInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// SQLite: the longest fewer rows than a slice wait for an idle writer; then they are folded anyway, so assembly always
    /// progresses. PostgreSQL: the longest assembly waits for a commit before it looks again (for rows other hub processes commit).
    /// </summary>
    public TimeSpan AssemblyMaxPause { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>When <see cref="JournalRetention"/> first looks for journal rows to forget after the hub starts.</summary>
    public TimeSpan RetentionFirstRun { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often <see cref="JournalRetention"/> runs after that.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Journal rows deleted per transaction: bounds how long ingest's commits wait behind one delete.</summary>
    public int RetentionChunk { get; init; } = 1000;

    /// <summary>The pause between two chunks, when there is more to delete.</summary>
    public TimeSpan RetentionPause { get; init; } = TimeSpan.FromMilliseconds(20);
}
