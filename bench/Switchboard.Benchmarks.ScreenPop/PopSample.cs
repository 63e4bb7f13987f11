using System.Diagnostics;

namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>
/// One pop (or one bare chain of calls): when it started relative to its due time, how long until the
/// complete snapshot, until the first snapshot with an answered source, and what went wrong, if anything;
/// <c>Started</c> is the Stopwatch timestamp it started at.
/// </summary>
internal readonly record struct PopSample(int Caller, double StartLagMs, double TotalMs, double FirstPartialMs, string? Problem, long Started = 0)
{
    public long Ended => Started + (long)(TotalMs * Stopwatch.Frequency / 1000);
}
