using System.Globalization;
using System.Threading.RateLimiting;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// The per-system rate limit (a token bucket) and concurrency limit (callers queue, oldest first).
/// A call waits at most <see cref="RateLimitSettings.MaxWaitSeconds"/> (10 s without a rate limit)
/// for each, then fails as rate limited. Applied per attempt, so a retry waiting for its backoff
/// holds neither a token nor a slot.
/// </summary>
internal sealed class CallLimiter : IDisposable
{
    private static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(new RateLimitSettings().MaxWaitSeconds);

    private readonly SystemDefinition _system;
    private readonly TimeProvider _time;
    private readonly TokenBucket? _bucket;
    private readonly ConcurrencyLimiter _slots;
    private readonly TimeSpan _maxWait;

    public CallLimiter(SystemDefinition system, TimeProvider time)
    {
        _system = system;
        _time = time;
        if (system.RateLimit is { } rate)
        {
            _bucket = new TokenBucket(rate.PerSecond, Math.Max(1, rate.Burst ?? rate.PerSecond), time);
        }

        _maxWait = system.RateLimit is { } limit ? TimeSpan.FromSeconds(limit.MaxWaitSeconds) : DefaultMaxWait;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, system.Concurrency),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for the rate limit and a free slot; dispose the result to free the slot.</summary>
    /// <exception cref="ConnectorException">RateLimited: the wait would be or was longer than allowed.</exception>
    public async ValueTask<IDisposable> EnterAsync(string operation, int attempts, CancellationToken cancellationToken)
    {
        if (_bucket is not null)
        {
            await WaitForTokenAsync(_bucket, operation, attempts, cancellationToken);
        }

        var lease = _slots.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        using var timeout = new CancellationTokenSource(_maxWait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            lease = await _slots.AcquireAsync(1, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException(_system.Name, operation, ConnectorFailureKind.RateLimited,
                $"no free call slot within {HttpFailures.Seconds(_maxWait)} s: {_system.Concurrency} calls to {_system.Name} were already in flight (concurrency: {_system.Concurrency})")
            { Attempts = attempts };
        }

        return lease;
    }

    public void Dispose() => _slots.Dispose();

    private async ValueTask WaitForTokenAsync(TokenBucket bucket, string operation, int attempts, CancellationToken cancellationToken)
    {
        var wait = bucket.Reserve();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > _maxWait)
        {
            bucket.Return();
            var rate = _system.RateLimit!;
            throw new ConnectorException(_system.Name, operation, ConnectorFailureKind.RateLimited,
                $"the rate limit of {rate.PerSecond.ToString(CultureInfo.InvariantCulture)} calls per second would delay this call by {HttpFailures.Seconds(wait)} s, longer than rateLimit.maxWaitSeconds ({HttpFailures.Seconds(_maxWait)} s)")
            { Attempts = attempts };
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            bucket.Return();
            throw;
        }
    }
}
