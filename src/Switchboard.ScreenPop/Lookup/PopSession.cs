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

    public PopCall Call { get; private set; } = call;

    public IReadOnlyList<SystemDefinition> Systems { get; private set; } = systems;

    public ScreenPopView? Latest { get; private set; }

    public PopCarry Carry { get; private set; } = PopCarry.Empty;

    public DateTimeOffset TouchedAt { get; private set; } = now;

    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Starts a run that supersedes any earlier one; returns its generation.</summary>
    public int Begin(PopCall call, IReadOnlyList<SystemDefinition> systems, DateTimeOffset now)
    {
        lock (_gate)
        {
            Call = call;
            Systems = systems;
            TouchedAt = now;
            return ++_generation;
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
            Latest = view;
            Carry = carry;
            TouchedAt = now;
            return view;
        }
    }
}
