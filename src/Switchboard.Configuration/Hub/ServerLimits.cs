namespace Switchboard.Configuration;

/// <summary>The <c>server.limits</c> section: bounds on what one request may carry.</summary>
public sealed record ServerLimits
{
    public const long MinRequestBodyBytes = 1024;
    public const long MaxRequestBodyBytesLimit = 100L * 1024 * 1024;
    public const int MinBatchSize = 1;
    public const int MaxBatchSizeLimit = 10_000;

    /// <summary>1 KiB .. 100 MiB; larger requests are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>1 .. 10000 events in one batch request.</summary>
    public int MaxBatchSize { get; init; } = 500;
}
