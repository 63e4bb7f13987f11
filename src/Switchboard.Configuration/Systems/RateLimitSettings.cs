namespace Switchboard.Configuration;

/// <summary>A token bucket: <see cref="PerSecond"/> calls per second on average, bursts up to <see cref="Burst"/>.</summary>
public sealed record RateLimitSettings
{
    public const int MinPerSecond = 1;
    public const int MaxPerSecond = 100_000;

    /// <summary>1 .. 100000 calls per second to the system, at most.</summary>
    public int PerSecond { get; init; } = 50;

    /// <summary>Calls allowed at once after a quiet spell (default: <see cref="PerSecond"/>).</summary>
    public int? Burst { get; init; }

    /// <summary>Seconds a call may wait for its turn before it fails as rate limited (default 10).</summary>
    public double MaxWaitSeconds { get; init; } = 10;
}
