namespace Switchboard.Demo.Crm;

/// <summary>
/// Hands out modification times that never repeat and never go back, even when the wall clock
/// does or two writes land in the same millisecond, so <c>modifiedSince</c> paging is reliable.
/// </summary>
internal sealed class ModificationClock(TimeProvider time)
{
    private long _lastTicks;

    public DateTimeOffset Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastTicks);
            var now = time.GetUtcNow().UtcTicks;
            now -= now % TimeSpan.TicksPerMillisecond;
            var next = Math.Max(now, last + TimeSpan.TicksPerMillisecond);
            if (Interlocked.CompareExchange(ref _lastTicks, next, last) == last)
            {
                return new DateTimeOffset(next, TimeSpan.Zero);
            }
        }
    }

    public DateTimeOffset Now() => time.GetUtcNow();
}
