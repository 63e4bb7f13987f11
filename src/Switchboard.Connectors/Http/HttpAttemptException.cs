namespace Switchboard.Connectors.Http;

/// <summary>
/// One attempt failed without an HTTP answer (connection failure or per-attempt timeout). Retried
/// when the call is retryable and counted by the circuit breaker; turned into a
/// <see cref="ConnectorException"/> once no attempt is left.
/// </summary>
internal sealed class HttpAttemptException : Exception
{
    public HttpAttemptException(ConnectorFailureKind kind, string reason, Exception? inner = null)
        : base(reason, inner)
    {
        Kind = kind;
        Reason = reason;
    }

    public ConnectorFailureKind Kind { get; }

    public string Reason { get; }
}
