using Switchboard.Connectors;

namespace Switchboard.Delivery.Dispatch;

/// <summary>Why one attempt failed, and whether trying again later can help.</summary>
internal sealed record DeliveryFailure(string Kind, string Error, int? Status, bool Transient)
{
    /// <summary>
    /// Outages are transient: the connection, a timeout, the system's 5xx/429/408 (already retried by the system's own
    /// policy inside the call), an open circuit, a rate limit, a refused credential (a rotated secret may come back).
    /// What the same message will meet again is permanent: configuration, mapping, safety, other statuses (4xx).
    /// </summary>
    public static DeliveryFailure From(ConnectorException ex) => new(
        ex.Kind.ToString(),
        ex.Message,
        ex.Status,
        ex.Kind switch
        {
            ConnectorFailureKind.Transport or ConnectorFailureKind.Timeout or ConnectorFailureKind.CircuitOpen
                or ConnectorFailureKind.RateLimited or ConnectorFailureKind.Authentication => true,
            ConnectorFailureKind.Status => ex.Status is null or >= 500 or 429 or 408,
            _ => false,
        });

    public static DeliveryFailure From(OperationResult result, DeliveryMessage message) => result.Outcome switch
    {
        OperationOutcome.Conflict => new("Conflict", $"{message.Target} {message.Operation}: refused as conflicting: {result.Reason ?? "no reason given"}", null, false),
        _ => new("NoMatch", $"{message.Target} {message.Operation}: found no record to write to{(result.Reason is null ? "" : ": " + result.Reason)}", null, false),
    };

    public static DeliveryFailure Unexpected(Exception ex, DeliveryMessage message) =>
        new(ex.GetType().Name, $"{message.Target} {message.Operation}: {ex.Message}", null, false);
}
