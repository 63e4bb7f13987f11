using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Switchboard.Benchmarks.Shared;

/// <summary>
/// Warms a process up until the JIT is quiet: with tiered compilation (the hub's default), hot methods start
/// unoptimized, are instrumented, then recompiled with what the instrumented code saw; until that settles the
/// process runs slower and spends CPU on compiling. A benchmark measures the steady state a long-running hub
/// reaches, so it repeats a warm-up round until one compiles almost nothing, or gives up after
/// <c>maxRounds</c> and says so (the figures then include compilation).
/// </summary>
internal static class JitWarmup
{
    /// <summary>A round that compiles at most this many methods counts as quiet (the odd lambda or generic instance first used late).</summary>
    public const int QuietMethods = 25;

    /// <summary>
    /// A round lasts at least this long (<c>round</c> is repeated until it has): the runtime waits 100 ms after the last
    /// new method before it counts calls, then compiles in the background, so a shorter round can look quiet too early.
    /// </summary>
    public static readonly TimeSpan MinimumRound = TimeSpan.FromSeconds(2);

    /// <summary>Runs rounds of <paramref name="round"/> until a round after the first compiles at most <see cref="QuietMethods"/> methods.</summary>
    public static async Task<JitWarmupResult> RunAsync(Func<Task> round, int maxRounds, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(log);
        var totalMethods = 0L;
        var totalTime = TimeSpan.Zero;
        var last = 0L;
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < maxRounds; i++)
        {
            var methods = JitInfo.GetCompiledMethodCount();
            var time = JitInfo.GetCompilationTime();
            var started = Stopwatch.GetTimestamp();
            do
            {
                await round();
            }
            while (Stopwatch.GetElapsedTime(started) < MinimumRound);

            var compiled = JitInfo.GetCompiledMethodCount() - methods;
            var spent = JitInfo.GetCompilationTime() - time;
            totalMethods += compiled;
            totalTime += spent;
            last = compiled;
            log(string.Create(CultureInfo.InvariantCulture, $"warm-up round {i + 1}: {compiled} methods compiled in {spent.TotalMilliseconds:F0} ms"));
            if (i > 0 && compiled <= QuietMethods)
            {
                return new JitWarmupResult(i + 1, warming.Elapsed.TotalSeconds, totalMethods, totalTime.TotalMilliseconds, compiled);
            }
        }

        log($"warm-up: the JIT was still compiling after {maxRounds} rounds; the figures include compilation");
        return new JitWarmupResult(maxRounds, warming.Elapsed.TotalSeconds, totalMethods, totalTime.TotalMilliseconds, last);
    }
}

/// <summary>How a warm-up went: rounds run and how long they took, what was compiled in all and in the last round (quiet when at most <see cref="JitWarmup.QuietMethods"/>).</summary>
internal sealed record JitWarmupResult(int Rounds, double Seconds, long MethodsCompiled, double CompileMs, long LastRoundMethods);
