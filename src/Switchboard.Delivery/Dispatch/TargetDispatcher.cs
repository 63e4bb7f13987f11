using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Monitoring;
using Switchboard.Delivery.Transport;

namespace Switchboard.Delivery.Dispatch;

/// <summary>
/// Delivers one target's queue. Messages about the same record go one after the other, in queue order; different
/// records go in parallel, at most the system's <c>concurrency</c> calls at once. A message that fails waits for its
/// retry without holding anything but its own record (and one place in the window), so a slow or failing record
/// never holds back the others, and one target never holds back another (each has its own dispatcher).
/// </summary>
internal sealed partial class TargetDispatcher(
    string target,
    IDeliveryTransport transport,
    DeliveryEngineParts parts,
    DeliveryRetrySettings retry,
    int window,
    int concurrency,
    TimeSpan breakDuration,
    ILogger logger)
{
    private const int MaxUncountedWaits = 1000;
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    public string Target => target;

    public async Task RunAsync(CancellationToken ct)
    {
        using var calls = new SemaphoreSlim(concurrency, concurrency);
        try
        {
            await foreach (var lease in transport.ConsumeAsync(target, window, ct))
            {
                var key = lease.Message.RecordKey;
                Task task;
                lock (_tails)
                {
                    var previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
                    task = AfterAsync(previous, lease, calls, ct);
                    _tails[key] = task;
                }

                _ = task.ContinueWith(done => Forget(key, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            Task[] running;
            lock (_tails)
            {
                running = [.. _tails.Values];
            }

            // Unsettled messages stay queued and come back on the next start.
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Forget(string key, Task done)
    {
        lock (_tails)
        {
            if (_tails.TryGetValue(key, out var current) && current == done)
            {
                _tails.Remove(key);
            }
        }
    }

    private async Task AfterAsync(Task previous, DeliveryLease lease, SemaphoreSlim calls, CancellationToken ct)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await DeliverAsync(lease, calls, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the lease stays unsettled and the message is delivered after the restart.
        }
        catch (Exception ex)
        {
            // The hub's own database failed while recording the outcome: the message stays queued and comes back.
            LogSettleFailed(logger, ex, lease.Message.Id, target);
        }
    }

    private async Task DeliverAsync(DeliveryLease lease, SemaphoreSlim calls, CancellationToken ct)
    {
        var message = lease.Message;
        if (await parts.Confirmed.ContainsAsync(target, message.IdempotencyKey, ct))
        {
            await lease.SettleAsync(ct);
            parts.Metrics.Duplicate(target);
            parts.Outcomes.Complete(DeliveryResult.Success(message.Id, null));
            LogDuplicate(logger, message.Id, target, message.IdempotencyKey);
            return;
        }

        var arguments = OperationArguments.Empty.WithAll(message.Arguments).With("idempotencyKey", message.IdempotencyKey);
        var attempts = new List<DeliveryAttempt>();
        var uncounted = 0;
        while (true)
        {
            var startedAt = parts.Clock.GetUtcNow();
            var started = parts.Clock.GetTimestamp();
            OperationResult? answer = null;
            DeliveryFailure? failure = null;
            await calls.WaitAsync(ct);
            try
            {
                answer = await parts.Invoker.InvokeAsync(target, message.Operation, arguments, ct);
            }
            catch (ConnectorException ex)
            {
                failure = DeliveryFailure.From(ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = DeliveryFailure.Unexpected(ex, message);
            }
            finally
            {
                calls.Release();
            }

            if (answer?.Outcome == OperationOutcome.Success)
            {
                await ConfirmAsync(lease, answer, ct);
                return;
            }

            failure ??= DeliveryFailure.From(answer!, message);
            var elapsed = parts.Clock.GetElapsedTime(started);
            parts.Metrics.Failed(target, failure.Kind, parts.Clock.GetUtcNow(), failure.Error);
            var circuitOpen = failure.Kind == nameof(ConnectorFailureKind.CircuitOpen) && uncounted < MaxUncountedWaits;
            if (circuitOpen)
            {
                // The breaker refused the call without trying: not an attempt; wait for it to let a trial through.
                uncounted++;
                await Task.Delay(breakDuration, parts.Clock, ct);
                continue;
            }

            attempts.Add(new DeliveryAttempt(attempts.Count + 1, startedAt, elapsed.TotalMilliseconds, failure.Error, failure.Kind, failure.Status));
            if (!failure.Transient || attempts.Count >= retry.MaxAttempts)
            {
                await DeadLetterAsync(lease, failure, attempts, ct);
                return;
            }

            var delay = RetryDelay.After(attempts.Count, retry);
            LogRetrying(logger, message.Id, target, attempts.Count, retry.MaxAttempts, delay.TotalMilliseconds, failure.Error);
            await Task.Delay(delay, parts.Clock, ct);
        }
    }

    private async Task ConfirmAsync(DeliveryLease lease, OperationResult answer, CancellationToken ct)
    {
        var message = lease.Message;
        await lease.ConfirmAsync(parts.Confirmed, ct);
        var now = parts.Clock.GetUtcNow();
        parts.Metrics.Delivered(target, now, Math.Max(0, (now - message.OccurredAt).TotalMilliseconds));
        parts.Outcomes.Complete(DeliveryResult.Success(message.Id, answer));
    }

    private async Task DeadLetterAsync(DeliveryLease lease, DeliveryFailure failure, IReadOnlyList<DeliveryAttempt> attempts, CancellationToken ct)
    {
        var message = lease.Message;
        var reason = failure.Transient
            ? $"gave up after {attempts.Count} attempts: {failure.Error}"
            : $"cannot succeed by retrying: {failure.Error}";
        await parts.DeadLetters.AddAsync(message, reason, attempts, parts.Clock.GetUtcNow(), ct);
        await lease.SettleAsync(ct);
        parts.Metrics.DeadLettered(target);
        parts.Outcomes.Complete(DeliveryResult.DeadLetter(message.Id, reason, failure.Error, failure.Kind));
        LogDeadLettered(logger, message.Id, target, message.Operation, reason);
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Message {MessageId} to {Target}: attempt {Attempt} of {MaxAttempts} failed; retrying in {DelayMs:F0} ms: {Error}")]
    private static partial void LogRetrying(ILogger logger, string messageId, string target, int attempt, int maxAttempts, double delayMs, string error);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Message {MessageId} to {Target} ({Operation}) is now a dead letter: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string target, string operation, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Message {MessageId} to {Target} was not sent again: its idempotency key {Key} was already confirmed")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string target, string key);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Message {MessageId} to {Target}: recording its outcome failed; it stays queued and is delivered again")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string messageId, string target);
}
