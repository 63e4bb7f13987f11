namespace Switchboard.Delivery.Tests.RabbitMq;

/// <summary>Polls a condition that the broker or the relay makes true asynchronously; generous, since the machine is shared.</summary>
internal static class Wait
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? patience = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition() && waited.Elapsed < (patience ?? Patience))
        {
            await Task.Delay(50);
        }
    }

    /// <summary>True when <paramref name="task"/> completes within <paramref name="time"/>.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan time) => await Task.WhenAny(task, Task.Delay(time)) == task;
}
