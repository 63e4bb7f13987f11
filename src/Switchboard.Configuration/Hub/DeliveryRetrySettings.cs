namespace Switchboard.Configuration;

/// <summary>
/// How often and how long a message is retried when its target fails, before it becomes a dead letter.
/// Each attempt is one call of the target's operation, which itself retries quick blips by the system's
/// own <c>retry</c> settings; these attempts ride out outages.
/// </summary>
public sealed record DeliveryRetrySettings
{
    public const int MaxAttemptsLimit = 100;
    public const int MaxDelayLimitMs = 3_600_000;

    /// <summary>Attempts before the message becomes a dead letter, including the first (1–100).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The delay before the second attempt; it doubles each time, with jitter, up to <see cref="MaxDelayMs"/>.</summary>
    public int BaseDelayMs { get; init; } = 1_000;

    public int MaxDelayMs { get; init; } = 60_000;

    public TimeSpan BaseDelay => TimeSpan.FromMilliseconds(BaseDelayMs);

    public TimeSpan MaxDelay => TimeSpan.FromMilliseconds(MaxDelayMs);
}
