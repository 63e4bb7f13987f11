using System.Collections.Concurrent;
using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

/// <summary>How many calls' pops the engine holds for <see cref="ScreenPopEngine.Latest"/> and picks.</summary>
public sealed class HeldCallsTests
{
    [Fact]
    public async Task Past_the_limit_the_least_recently_touched_calls_go_while_pops_go_on_and_none_fails()
    {
        await using var pop = await PopHarness.StartAsync(new ScreenPopOptions { MaxHeldCalls = 100 });
        StubAnna(pop);
        // Eight pops at a time, each a new call: the engine trims every 1,024 pops while the others add calls.
        // Trimming used to copy the live dictionary for sorting, which threw when a call was added meanwhile (this test
        // caught that in about one run of three).
        const int Calls = 6_000;
        var next = 0;
        var failures = new ConcurrentQueue<string>();
        async Task PopCallsAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= Calls)
            {
                try
                {
                    var views = await pop.PopAsync(new PopRequest { CallId = $"call-{i}", CallerNumber = AnnaPhone });
                    if (!views[^1].Complete)
                    {
                        failures.Enqueue($"call-{i}: no complete snapshot");
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    failures.Enqueue($"call-{i}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(PopCallsAsync)));

        failures.ShouldBeEmpty();
        // Trimming runs on the thread pool, so the last one may still be under way.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (pop.Engine.HeldCalls > 100 + 1024 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        pop.Engine.HeldCalls.ShouldBeLessThanOrEqualTo(100 + 1024, "trimmed at least every 1,024 pops");
        pop.Engine.Latest($"call-{Calls}").ShouldNotBeNull("the latest call is held");
        // Not "call-1 was let go": the workers' first pops start cold, and on a busy machine one of them may publish its
        // last snapshot after thousands of later calls were popped, which makes it one of the most recently touched.
        Enumerable.Range(1, 1_000).Count(i => pop.Engine.Latest($"call-{i}") is not null)
            .ShouldBeLessThan(100, "the first calls were let go (the least recently touched go first)");
    }
}
