namespace Switchboard.Configuration;

/// <summary>Retries with exponential backoff and jitter, starting from <see cref="BaseDelayMs"/>.</summary>
public sealed record RetrySettings
{
    public const int MinAttempts = 1;
    public const int MaxAttemptsLimit = 20;
    public const int MaxBaseDelayMs = 60_000;

    /// <summary>1 .. 20 attempts in all (1 means no retry).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>0 .. 60000 ms before the first retry.</summary>
    public int BaseDelayMs { get; init; } = 200;

    public TimeSpan BaseDelay => TimeSpan.FromMilliseconds(BaseDelayMs);
}
