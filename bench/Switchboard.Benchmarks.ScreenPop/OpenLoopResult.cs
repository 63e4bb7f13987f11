namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>What every item of an open-loop run returned, and the rate at which they were actually started.</summary>
internal sealed record OpenLoopResult<T>(T[] Results, double AchievedPerSecond);
