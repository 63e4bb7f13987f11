namespace Switchboard.Configuration;

/// <summary>Retries with exponential backoff and full jitter, starting from <see cref="BaseDelayMs"/>.</summary>
public sealed record RetrySettings
{
    public const int MinAttempts = 1;
    public const int MaxAttemptsLimit = 20;
    public const int MaxBaseDelayMs = 60_000;
    public const int MaxDelayLimitMs = 600_000;

    /// <summary>The statuses retried unless <see cref="RetryOn"/> says otherwise.</summary>
    public static readonly IReadOnlyList<int> DefaultRetryOn = [408, 429, 500, 502, 503, 504];

    /// <summary>1 .. 20 attempts in all (1 means no retry).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>0 .. 60000 ms before the first retry.</summary>
    public int BaseDelayMs { get; init; } = 200;

    /// <summary>The longest wait between attempts, also for Retry-After (base .. 600000 ms).</summary>
    public int MaxDelayMs { get; init; } = 30_000;

    /// <summary>HTTP statuses retried; connection failures and timeouts are always retried.</summary>
    public IReadOnlyList<int> RetryOn { get; init; } = DefaultRetryOn;

    /// <summary>Wait as long as a 429/503's Retry-After asks (capped by <see cref="MaxDelayMs"/>).</summary>
    public bool HonourRetryAfter { get; init; } = true;

    public TimeSpan BaseDelay => TimeSpan.FromMilliseconds(BaseDelayMs);

    public TimeSpan MaxDelay => TimeSpan.FromMilliseconds(MaxDelayMs);
}
