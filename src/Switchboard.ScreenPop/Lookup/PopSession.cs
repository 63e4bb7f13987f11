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
    // published with the moment it was: what a later pop of the same call may reuse.
    private long _runChanges;
    private long _completeChanges = -1;
    private DateTimeOffset _completedAt;

    // The current run's last snapshot and what it learned while it runs; once a snapshot is complete, both are kept
    // serialized instead (KeptPop) and read back when asked for.
    private ScreenPopView? _latest;
    private PopCarry _carry = PopCarry.Empty;
    private byte[]? _kept;

    public PopCall Call { get; private set; } = call;

    public IReadOnlyList<SystemDefinition> Systems { get; private set; } = systems;

    /// <summary>The last snapshot published; null before the first.</summary>
    public ScreenPopView? Latest
    {
        get
        {
            lock (_gate)
            {
                return _kept is null ? _latest : KeptPop.Read(_kept).View;
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
                return _kept is null ? _carry : KeptPop.Read(_kept).Carry;
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
    /// when the last run completed within <paramref name="window"/> and no customer changed since it began, its
    /// last snapshot is shown again, for <paramref name="call"/>'s agent and numbered on, instead of asking every
    /// system again. Null when there is nothing to reuse; then the caller starts a run.
    /// </summary>
    public ScreenPopView? Reuse(PopCall call, IReadOnlyList<SystemDefinition> systems, DateTimeOffset now, TimeSpan window, long changes)
    {
        lock (_gate)
        {
            var (latest, carry) = _kept is null ? (_latest, _carry) : KeptPop.Read(_kept);
            if (latest is not { Complete: true } || _completeChanges != changes || now - _completedAt > window
                || !SameLookup(Call, call) || !SameSystems(Systems, systems))
            {
                return null;
            }

            Call = call;
            TouchedAt = now;
            ++_generation;
            var view = latest with { AgentId = call.AgentId, Queue = call.Queue ?? latest.Queue, Sequence = ++_sequence };
            _kept = KeptPop.TryKeep(view, carry);
            _latest = _kept is null ? view : null;
            _carry = _kept is null ? carry : PopCarry.Empty;
            return view;
        }
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
            _kept = view.Complete ? KeptPop.TryKeep(view, carry) : null;
            _latest = _kept is null ? view : null;
            _carry = _kept is null ? carry : PopCarry.Empty;
            if (view.Complete)
            {
                _completeChanges = _runChanges;
                _completedAt = now;
            }

            return view;
        }
    }

    /// <summary>Both pops look for the same person the same way: number, direction and what the IVR attached.</summary>
    private static bool SameLookup(PopCall before, PopCall now) =>
        before.E164 == now.E164 && before.Raw == now.Raw && before.Withheld == now.Withheld
        && string.Equals(before.Direction, now.Direction, StringComparison.OrdinalIgnoreCase)
        && before.Attributes.Count == now.Attributes.Count
        && before.Attributes.All(a => now.Attributes.TryGetValue(a.Key, out var value) && value == a.Value);

    private static bool SameSystems(IReadOnlyList<SystemDefinition> before, IReadOnlyList<SystemDefinition> now) =>
        before.Count == now.Count && before.Zip(now).All(pair => ReferenceEquals(pair.First, pair.Second));
}
