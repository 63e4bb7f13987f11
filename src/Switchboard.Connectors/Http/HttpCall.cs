namespace Switchboard.Connectors.Http;

/// <summary>The state of one logical call across its attempts.</summary>
internal sealed class HttpCall(string operation, Func<HttpRequestMessage> requestFactory, bool retryable, int maxAttempts, OperationTrace? trace)
{
    public string Operation { get; } = operation;

    public Func<HttpRequestMessage> RequestFactory { get; } = requestFactory;

    public bool Retryable { get; } = retryable;

    /// <summary>Attempts the retry policy allows this call (1 when not retryable).</summary>
    public int MaxAttempts { get; } = maxAttempts;

    public OperationTrace? Trace { get; } = trace;

    /// <summary>Whether an answer (status, body) is transient: retried, and counted against the circuit breaker.</summary>
    public required Func<int, string, bool> IsTransient { get; init; }

    /// <summary>Attempts under the retry policy so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Requests sent so far: attempts plus the resend after a token refresh.</summary>
    public int Requests { get; set; }

    /// <summary>Whether this call already refreshed its OAuth token after a 401 (it does so once).</summary>
    public bool TokenRefreshed { get; set; }

    public string AttemptSuffix => MaxAttempts > 1 ? $" (attempt {Attempts} of {MaxAttempts})" : string.Empty;
}
