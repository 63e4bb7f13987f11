namespace Switchboard.ScreenPop.Lookup;

/// <summary>How a timed lookup ended: a value, an error, or the timeout.</summary>
internal readonly record struct TimedResult<T>(T? Value, Exception? Error, bool TimedOut, double ElapsedMs)
{
    public bool Succeeded => Error is null && !TimedOut;
}
