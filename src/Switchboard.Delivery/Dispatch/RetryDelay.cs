using Switchboard.Configuration;

namespace Switchboard.Delivery.Dispatch;

/// <summary>Exponential backoff with jitter: attempt n waits base·2^(n-1), capped, then a random 50–100% of it, so retries of many messages spread out.</summary>
internal static class RetryDelay
{
    public static TimeSpan After(int failedAttempt, DeliveryRetrySettings retry)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var capped = Math.Min(retry.BaseDelayMs * Math.Pow(2, exponent), retry.MaxDelayMs);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
