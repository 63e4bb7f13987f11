namespace Switchboard.Configuration;

/// <summary>What an HTTP status from a system means for the operation.</summary>
public enum StatusOutcome
{
    /// <summary>The body is mapped as the result.</summary>
    Success,

    /// <summary>A search found nothing (many APIs answer 404 or 204): an empty result, not an error.</summary>
    NoMatch,

    /// <summary>The record changed or exists already (409, 412): reported as a conflict, not retried.</summary>
    Conflict,

    /// <summary>Transient: retried under the system's retry policy.</summary>
    Retry,

    /// <summary>Permanent: the call fails with the reason from the error body.</summary>
    Fail,
}
