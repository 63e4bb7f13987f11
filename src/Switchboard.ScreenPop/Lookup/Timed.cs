namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Runs one lookup under a timeout without ever waiting past it: the lookup races a timer, and when
/// the timer wins the lookup is cancelled and left behind. A slow system cannot hold up the pop even if
/// it ignores cancellation.
/// </summary>
/// <remarks>
/// A lookup that finishes first costs no thread hop: nothing is cancelled after it (its token source is
/// only disposed), and one that completes synchronously (a cached answer, a query on SQLite) starts no
/// timer at all. An earlier version cancelled with <c>CancelAsync</c> after every lookup, which queued a
/// work item and waited for the thread pool each time: about a third of a millisecond per lookup when the
/// pool's threads were asleep, and a queue wait behind everything else under load.
/// </remarks>
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

        if (!task.IsCompleted)
        {
            try
            {
                await task.WaitAsync(timeout, time, ct);
            }
            catch (TimeoutException) when (!task.IsCompleted)
            {
                Abandon(task, cts);
                return new TimedResult<T>(default, null, TimedOut: true, Elapsed(time, started));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Abandon(task, cts);
                throw;
            }
#pragma warning disable CA1031 // The lookup's own failure is read from the task below.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

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

    /// <summary>Cancels a lookup left behind; it still ends (cancelled or failed), and is observed so its exception is not reported as unobserved.</summary>
    private static void Abandon(Task task, CancellationTokenSource cts)
    {
        cts.Cancel();
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public static string TimeoutReason(TimeSpan timeout) =>
        FormattableString.Invariant($"timed out after {timeout.TotalMilliseconds:0} ms");

    private static double Elapsed(TimeProvider time, long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
