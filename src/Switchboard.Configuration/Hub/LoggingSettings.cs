using Microsoft.Extensions.Logging;

namespace Switchboard.Configuration;

/// <summary>The <c>logging</c> section of switchboard.yaml.</summary>
public sealed record LoggingSettings
{
    /// <summary>The minimum level written; <see cref="LogLevel.None"/> is not accepted.</summary>
    public LogLevel Level { get; init; } = LogLevel.Information;

    public LogFormat Format { get; init; } = LogFormat.Json;
}
