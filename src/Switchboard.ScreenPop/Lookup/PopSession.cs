using Switchboard.Configuration;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// One call's pops: the last snapshot, what the pop learned (for a pick), and the sequence numbers.
/// A new pop or a pick of the call supersedes the run before it, which stops publishing.
/// </summary>
internal sealed class PopSession(PopCall call, IReadOnlyList<SystemDefinition> systems, DateTimeOffset now)
{
    private readonly Lock _gate = new();
    private int _generation;
    private int _sequence;

    // The change count of the engine when the current run began, and when the last complete snapshot was
    // published with the moment it was: what a later pop of the same call may reuse (-1: nothing reusable).
    private long _runChanges;
    private long _completeChanges = -1;
    private DateTimeOffset _completedAt;

    // The current run's last snapshot and what it learned while it runs; once a snapshot is complete, both are kept
    // serialized instead (KeptPop) and read back when asked for.
    private ScreenPopView? _latest;
    private PopCarry _carry = PopCarry.Empty;
    private byte[]? _keptView;
    private byte[]? _keptCarry;

    public PopCall Call { get; private set; } = call;

    public IReadOnlyList<SystemDefinition> Systems { get; private set; } = systems;

    /// <summary>The last snapshot published; null before the first.</summary>
    public ScreenPopView? Latest
    {
        get
        {
            lock (_gate)
            {
                return _keptView is null ? _latest : KeptPop.Read<ScreenPopView>(_keptView);
            }
        }
    }

    /// <summary>What the run of the last snapshot learned, for a pick.</summary>
    public PopCarry Carry
    {
        get
        {
            lock (_gate)
            {
                return HeldCarry();
            }
        }
    }

    public DateTimeOffset TouchedAt { get; private set; } = now;

    public int Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// Starts a run that supersedes any earlier one; returns its generation. <paramref name="changes"/> is the
    /// engine's count of customer changes now: a complete snapshot of this run is reusable only while it stays the same.
    /// </summary>
    public int Begin(PopCall call, IReadOnlyList<SystemDefinition> systems, DateTimeOffset now, long changes)
    {
        lock (_gate)
        {
            Call = call;
            Systems = systems;
            TouchedAt = now;
            _runChanges = changes;
            return ++_generation;
        }
    }

    /// <summary>
    /// The same call popped again (offered to the queue, then ringing at an agent) looking for the same caller:
    /// when the last run completed within <paramref name="window"/> with every system answering, and no customer changed since it began, its
    /// last snapshot is shown again, for <paramref name="call"/>'s agent and numbered on, instead of asking every
    /// system again. Null when there is nothing to reuse; then the caller starts a run.
    /// </summary>
    public ScreenPopView? Reuse(PopCall call, IReadOnlyList<SystemDefinition> systems, DateTimeOffset now, TimeSpan window, long changes)
    {
        lock (_gate)
        {
            // A kept snapshot is always complete; it is read back only when it is reused.
            var complete = _keptView is not null || _latest is { Complete: true };
            if (!complete || _completeChanges != changes || now - _completedAt > window
                || !SameLookup(Call, call) || !SameSystems(Systems, systems))
            {
                return null;
            }

            var latest = _keptView is null ? _latest! : KeptPop.Read<ScreenPopView>(_keptView);

            Call = call;
            TouchedAt = now;
            ++_generation;
            var view = latest with { AgentId = call.AgentId, Queue = call.Queue ?? latest.Queue, Sequence = ++_sequence };
            // What the run learned did not change: only the snapshot is kept again.
            if (_keptView is not null && KeptPop.TryKeep(view) is { } keptView)
            {
                _keptView = keptView;
            }
            else
            {
                Hold(view, HeldCarry());
            }

            return view;
        }
    }

    private static bool AnyUnavailable(ScreenPopView view)
    {
        foreach (var source in view.Sources)
        {
            if (source.State == PopSourceState.Unavailable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Numbers and keeps a snapshot of the current run; null when a later run superseded it.</summary>
    public ScreenPopView? Publish(int generation, Func<int, ScreenPopView> build, PopCarry carry, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return null;
            }

            var view = build(++_sequence);
            TouchedAt = now;
            Hold(view, carry);
            if (view.Complete)
            {
                // A snapshot with a system unavailable (timed out, failed) is not reused: a later pop asks that system
                // again, as it may answer now, and the answers of the others come from the cache.
                _completeChanges = AnyUnavailable(view) ? -1 : _runChanges;
                _completedAt = now;
            }

            return view;
        }
    }

    /// <summary>Holds the run's last snapshot and what it learned: serialized once the snapshot is complete, else as they are. Under the gate.</summary>
    private void Hold(ScreenPopView view, PopCarry carry)
    {
        if (view.Complete && KeptPop.TryKeep(view) is { } keptView && KeptPop.TryKeep(carry) is { } keptCarry)
        {
            (_keptView, _keptCarry, _latest, _carry) = (keptView, keptCarry, null, PopCarry.Empty);
        }
        else
        {
            (_keptView, _keptCarry, _latest, _carry) = (null, null, view, carry);
        }
    }

    /// <summary>What the run of the last snapshot learned. Under the gate.</summary>
    private PopCarry HeldCarry() => _keptCarry is null ? _carry : KeptPop.Read<PopCarry>(_keptCarry);

    /// <summary>Both pops look for the same person the same way: number, direction and what the IVR attached.</summary>
    private static bool SameLookup(PopCall before, PopCall now) =>
        before.E164 == now.E164 && before.Raw == now.Raw && before.Withheld == now.Withheld
        && string.Equals(before.Direction, now.Direction, StringComparison.OrdinalIgnoreCase)
        && before.Attributes.Count == now.Attributes.Count
        && before.Attributes.All(a => now.Attributes.TryGetValue(a.Key, out var value) && value == a.Value);

    private static bool SameSystems(IReadOnlyList<SystemDefinition> before, IReadOnlyList<SystemDefinition> now) =>
        before.Count == now.Count && before.Zip(now).All(pair => ReferenceEquals(pair.First, pair.Second));
}
