namespace Switchboard.Configuration;

public sealed record RateLimitSettings
{
    public const int MinPerSecond = 1;
    public const int MaxPerSecond = 100_000;

    /// <summary>1 .. 100000 calls per second to the system, at most.</summary>
    public int PerSecond { get; init; } = 50;
}
