namespace Switchboard.Core.Events;

/// <summary>
/// One call or agent event in the hub's own vocabulary (<see cref="EventTypes"/>), whatever it arrived
/// through (REST, a vendor webhook, SOAP, Asterisk AMI). <see cref="EventId"/> is the sender's id and
/// makes ingestion idempotent; <see cref="CallId"/> groups the events of one call.
/// </summary>
public sealed record ContactCenterEvent
{
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The contact center's id for the call (Asterisk Linkedid, Twilio CallSid, Connect ContactId).</summary>
    public string? CallId { get; init; }
    public string? AgentId { get; init; }
    /// <summary><c>inbound</c>, <c>outbound</c> or <c>internal</c>; inbound when not said.</summary>
    public string? Direction { get; init; }
    /// <summary>The caller's number as received (any format, or a withheld marker).</summary>
    public string? From { get; init; }
    /// <summary>The number that was called.</summary>
    public string? To { get; init; }
    public string? Queue { get; init; }
    /// <summary>Why: the end reason of a call, the not-ready reason of an agent.</summary>
    public string? Reason { get; init; }
    public string? Disposition { get; init; }
    public string? Notes { get; init; }
    public string? RecordingUrl { get; init; }
    /// <summary>Where a transfer went: an agent id, a queue or a number.</summary>
    public string? TransferTo { get; init; }
    /// <summary>Data attached to the call, e.g. what the caller entered in the IVR (accountNumber, orderNumber, ticketNumber).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    /// <summary>Which ingress produced it: <c>rest</c>, <c>soap</c>, <c>webhook:twilio</c>, <c>ami:asterisk</c>.</summary>
    public string Source { get; init; } = "rest";
}
