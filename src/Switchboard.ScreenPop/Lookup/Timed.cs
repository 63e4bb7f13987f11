namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Runs one lookup under a timeout without ever waiting past it: the lookup races a timer, and when
/// the timer wins the lookup is cancelled and left behind. A slow system cannot hold up the pop even if
/// it ignores cancellation.
/// </summary>
internal static class Timed
{
    public static async Task<TimedResult<T>> RunAsync<T>(Func<CancellationToken, Task<T>> work, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<T> task;
        try
        {
            task = work(cts.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new TimedResult<T>(default, ex, TimedOut: false, Elapsed(time, started));
        }

        var timer = Task.Delay(timeout, time, cts.Token);
        var first = await Task.WhenAny(task, timer);
        if (first != task)
        {
            await cts.CancelAsync();
            // The abandoned lookup still ends (cancelled or failed); observe it so its exception is not reported as unobserved.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
            return new TimedResult<T>(default, null, TimedOut: true, Elapsed(time, started));
        }

        await cts.CancelAsync();
        try
        {
            return new TimedResult<T>(await task, null, TimedOut: false, Elapsed(time, started));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new TimedResult<T>(default, ex, TimedOut: false, Elapsed(time, started));
        }
    }

    public static string TimeoutReason(TimeSpan timeout) =>
        FormattableString.Invariant($"timed out after {timeout.TotalMilliseconds:0} ms");

    private static double Elapsed(TimeProvider time, long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
