using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// The per-system Polly pipeline around each attempt: retries (outer; exponential backoff with full
/// jitter, Retry-After honoured, only for retryable calls) and the circuit breaker (inner, so each
/// attempt counts). Both run on the transport's <see cref="TimeProvider"/>.
/// </summary>
internal static class HttpResilience
{
    public static readonly ResiliencePropertyKey<HttpCall> CallKey = new("switchboard.http.call");

    public static ResiliencePipeline<HttpAnswer> Build(SystemDefinition system, TimeProvider time, ILogger logger)
    {
        var retry = system.Retry;
        var builder = new ResiliencePipelineBuilder<HttpAnswer> { Name = system.Name, TimeProvider = time };
        if (retry.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpAnswer>
            {
                MaxRetryAttempts = retry.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(retry, args.AttemptNumber, args.Outcome.Result?.RetryAfter)),
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    HttpTransportLog.Retrying(logger, system.Name, call.Operation, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                    return default;
                },
            });
        }

        var breaker = system.CircuitBreaker;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpAnswer>
        {
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumCalls,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Context, args.Outcome)),
            OnOpened = args =>
            {
                HttpTransportLog.CircuitOpened(logger, system.Name, args.BreakDuration.TotalSeconds);
                return default;
            },
            OnClosed = _ =>
            {
                HttpTransportLog.CircuitClosed(logger, system.Name);
                return default;
            },
        });
        return builder.Build();
    }

    /// <summary>Full jitter: a uniform wait in [0, min(max, base·2^n)]; a Retry-After wins when honoured, capped by the maximum.</summary>
    public static TimeSpan Delay(RetrySettings retry, int retryIndex, TimeSpan? retryAfter)
    {
        if (retry.HonourRetryAfter && retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > retry.MaxDelay ? retry.MaxDelay : asked;
        }

        var ceiling = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    /// <summary>Retry-After as seconds or as an HTTP date; null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpAnswer> outcome) =>
        context.Properties.GetValue(CallKey, null!) is { Retryable: true }
        && IsFailure(context, outcome);

    /// <summary>
    /// Connection failures, timeouts and transient answers (by default 408, 429 and 5xx in retryOn) count against
    /// the system; a 4xx, or a SOAP client fault sent as 500, is the caller's problem.
    /// </summary>
    private static bool IsFailure(ResilienceContext context, Outcome<HttpAnswer> outcome) =>
        outcome.Exception is HttpAttemptException
        || (outcome.Result is { } answer && context.Properties.GetValue(CallKey, null!).IsTransient(answer.Status, answer.Body));
}
