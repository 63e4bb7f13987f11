using System.Globalization;

namespace Switchboard.Configuration;

/// <summary>Binds a system's <c>timeouts</c>, <c>retry</c>, <c>circuitBreaker</c> and <c>rateLimit</c> sections.</summary>
internal static class ResilienceBinder
{
    public const int MinStatus = 100;
    public const int MaxStatus = 599;
    public const string StatusReason = "is not an HTTP status (100 .. 599)";

    private const int MinMinimumCalls = 2;
    private const int MaxMinimumCalls = 10_000;
    private const int MinSamplingSeconds = 1;
    private const int MaxSamplingSeconds = 3600;
    private const int MaxBurst = 100_000;
    private const double MaxWaitSecondsLimit = 300;

    private static readonly string[] TimeoutKeys = ["requestSeconds"];
    private static readonly string[] RetryKeys = ["maxAttempts", "baseDelayMs", "maxDelayMs", "retryOn", "honourRetryAfter"];
    private static readonly string[] CircuitBreakerKeys = ["failureRatio", "breakSeconds", "minimumCalls", "samplingSeconds"];
    private static readonly string[] RateLimitKeys = ["perSecond", "burst", "maxWaitSeconds"];

    public static TimeoutSettings Timeouts(MappingReader root)
    {
        var defaults = new TimeoutSettings();
        var map = root.Map("timeouts", TimeoutKeys);
        return map is null ? defaults : new TimeoutSettings
        {
            RequestSeconds = map.Double("requestSeconds", TimeoutSettings.MinRequestSeconds, TimeoutSettings.MaxRequestSeconds)
                ?? defaults.RequestSeconds,
        };
    }

    public static RetrySettings Retry(MappingReader root)
    {
        var defaults = new RetrySettings();
        var map = root.Map("retry", RetryKeys);
        if (map is null)
        {
            return defaults;
        }

        var baseDelay = map.Int("baseDelayMs", 0, RetrySettings.MaxBaseDelayMs) ?? defaults.BaseDelayMs;
        var maxDelay = map.Int("maxDelayMs", 0, RetrySettings.MaxDelayLimitMs);
        if (maxDelay < baseDelay)
        {
            map.File.Report(map.Value("maxDelayMs"), map.FieldPath("maxDelayMs"), maxDelay.Value.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"is less than retry.baseDelayMs ({baseDelay})"));
        }

        return new RetrySettings
        {
            MaxAttempts = map.Int("maxAttempts", RetrySettings.MinAttempts, RetrySettings.MaxAttemptsLimit) ?? defaults.MaxAttempts,
            BaseDelayMs = baseDelay,
            MaxDelayMs = Math.Max(baseDelay, maxDelay ?? defaults.MaxDelayMs),
            RetryOn = RetryOn(map) ?? defaults.RetryOn,
            HonourRetryAfter = map.Bool("honourRetryAfter") ?? defaults.HonourRetryAfter,
        };
    }

    public static CircuitBreakerSettings CircuitBreaker(MappingReader root)
    {
        var defaults = new CircuitBreakerSettings();
        var map = root.Map("circuitBreaker", CircuitBreakerKeys);
        return map is null ? defaults : new CircuitBreakerSettings
        {
            FailureRatio = map.Double("failureRatio", CircuitBreakerSettings.MinFailureRatio, CircuitBreakerSettings.MaxFailureRatio)
                ?? defaults.FailureRatio,
            BreakSeconds = map.Int("breakSeconds", CircuitBreakerSettings.MinBreakSeconds, CircuitBreakerSettings.MaxBreakSeconds)
                ?? defaults.BreakSeconds,
            MinimumCalls = map.Int("minimumCalls", MinMinimumCalls, MaxMinimumCalls) ?? defaults.MinimumCalls,
            SamplingSeconds = map.Int("samplingSeconds", MinSamplingSeconds, MaxSamplingSeconds) ?? defaults.SamplingSeconds,
        };
    }

    /// <summary>Null when the section is absent: calls are not rate limited.</summary>
    public static RateLimitSettings? RateLimit(MappingReader root)
    {
        var map = root.Map("rateLimit", RateLimitKeys);
        if (map is null)
        {
            return null;
        }

        var defaults = new RateLimitSettings();
        return new RateLimitSettings
        {
            PerSecond = map.Int("perSecond", RateLimitSettings.MinPerSecond, RateLimitSettings.MaxPerSecond, required: true)
                ?? defaults.PerSecond,
            Burst = map.Int("burst", 1, MaxBurst),
            MaxWaitSeconds = map.Double("maxWaitSeconds", 0, MaxWaitSecondsLimit) ?? defaults.MaxWaitSeconds,
        };
    }

    /// <summary>An HTTP status code (100 .. 599), or null when the text is not one.</summary>
    public static int? Status(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= MinStatus and <= MaxStatus
            ? status
            : null;

    private static IReadOnlyList<int>? RetryOn(MappingReader map)
    {
        var items = map.Items("retryOn");
        if (items is null)
        {
            return null;
        }

        var statuses = new List<int>();
        foreach (var (node, field, text) in items)
        {
            if (Status(text) is not { } status)
            {
                map.File.Report(node, field, text, StatusReason);
                continue;
            }

            if (!statuses.Contains(status))
            {
                statuses.Add(status);
            }
        }

        return statuses.AsReadOnly();
    }
}
