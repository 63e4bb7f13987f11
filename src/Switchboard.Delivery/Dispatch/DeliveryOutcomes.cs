using System.Collections.Concurrent;

namespace Switchboard.Delivery.Dispatch;

/// <summary>
/// Lets a request wait for the delivery of a message it enqueued (the desktop's "create ticket" shows the new
/// ticket's number when the system answers within a few seconds, and "queued" otherwise). Only messages someone
/// registered for are tracked; a result is delivered in this process only.
/// </summary>
public sealed class DeliveryOutcomes
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeliveryResult>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Call before the message is enqueued, then await <see cref="WaitAsync"/>.</summary>
    public void Expect(string messageId) =>
        _waiting.TryAdd(messageId, new TaskCompletionSource<DeliveryResult>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <returns>The result, or null when it did not come within <paramref name="timeout"/> (the message is still queued).</returns>
    public async Task<DeliveryResult?> WaitAsync(string messageId, TimeSpan timeout, CancellationToken ct)
    {
        if (!_waiting.TryGetValue(messageId, out var pending))
        {
            throw new InvalidOperationException($"No one expects message {messageId}: call Expect before enqueueing it.");
        }

        try
        {
            return await pending.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiting.TryRemove(messageId, out _);
        }
    }

    internal void Complete(DeliveryResult result)
    {
        if (_waiting.TryGetValue(result.MessageId, out var pending))
        {
            pending.TrySetResult(result);
        }
    }
}
