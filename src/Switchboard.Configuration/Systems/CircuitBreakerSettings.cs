namespace Switchboard.Configuration;

/// <summary>Stops calling a failing system for a while.</summary>
public sealed record CircuitBreakerSettings
{
    public const double MinFailureRatio = 0.01;
    public const double MaxFailureRatio = 1;
    public const int MinBreakSeconds = 1;
    public const int MaxBreakSeconds = 3600;

    /// <summary>0.01 .. 1: the share of failed calls that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>1 .. 3600 seconds the circuit stays open.</summary>
    public int BreakSeconds { get; init; } = 30;

    /// <summary>2 .. 10000 calls in the sampling window before the ratio counts.</summary>
    public int MinimumCalls { get; init; } = 10;

    /// <summary>1 .. 3600 seconds over which the failure ratio is measured.</summary>
    public int SamplingSeconds { get; init; } = 30;

    public TimeSpan BreakDuration => TimeSpan.FromSeconds(BreakSeconds);

    public TimeSpan SamplingDuration => TimeSpan.FromSeconds(SamplingSeconds);
}
