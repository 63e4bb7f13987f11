using System.Diagnostics;

namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>
/// Starts work item <c>i</c> at <c>start + i / rate</c> whatever the earlier ones are doing (open loop),
/// from a pacer thread that sleeps in 1 ms steps until each due time (so it starts items up to about
/// 1 ms late, and burns no CPU spinning), and hands each item to the thread pool with its due
/// timestamp. Waits for every item to finish.
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult<T>> RunAsync<T>(int rate, int count, Func<int, long, Task<T>> item)
    {
        var tasks = new Task<T>[count];
        var released = new long[count];
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = origin + (long)(i * (double)Stopwatch.Frequency / rate);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    Thread.Sleep(1);
                }

                released[i] = now;
                var index = i;
                tasks[i] = Task.Run(() => item(index, due));
            }

            paced.SetResult();
        })
        {
            IsBackground = true,
            Name = "open-loop pacer",
        };
        pacer.Start();
        await paced.Task;
        var results = await Task.WhenAll(tasks);
        var span = Stopwatch.GetElapsedTime(released[0], released[count - 1]).TotalSeconds;
        return new OpenLoopResult<T>(results, count > 1 && span > 0 ? (count - 1) / span : 0);
    }
}
