namespace Switchboard.Connectors;

/// <summary>Why an operation call failed.</summary>
public enum ConnectorFailureKind
{
    /// <summary>The system or operation is not configured, or a template cannot render these arguments.</summary>
    Configuration,

    /// <summary>The connection failed or broke (DNS, refused, reset, TLS).</summary>
    Transport,

    /// <summary>An attempt took longer than the system's request timeout.</summary>
    Timeout,

    /// <summary>The system answered with a status that means failure (after retries, for transient ones).</summary>
    Status,

    /// <summary>The system refused the hub's credentials (401/403 after a token refresh).</summary>
    Authentication,

    /// <summary>The answer could not be read: not JSON/XML, too large, a DTD, a SOAP fault.</summary>
    Response,

    /// <summary>The answer did not match the response mapping (a required field missing, a value of the wrong type).</summary>
    Mapping,

    /// <summary>The call would leave the system's allowed hosts, follow a redirect elsewhere, or reach a private address.</summary>
    Safety,

    /// <summary>The circuit breaker is open after too many failures.</summary>
    CircuitOpen,

    /// <summary>The call waited too long for the system's rate limit or concurrency limit.</summary>
    RateLimited,
}
