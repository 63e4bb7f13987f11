namespace Switchboard.Configuration;

public sealed record TimeoutSettings
{
    public const double MinRequestSeconds = 0.1;
    public const double MaxRequestSeconds = 300;

    /// <summary>0.1 .. 300 seconds for one attempt of one request.</summary>
    public double RequestSeconds { get; init; } = 10;

    public TimeSpan Request => TimeSpan.FromSeconds(RequestSeconds);
}
