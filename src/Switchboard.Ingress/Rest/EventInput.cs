using Switchboard.Core.Events;

namespace Switchboard.Ingress.Rest;

/// <summary>An event as posted to <c>/api/v1/events</c>; every field is optional here so that the validator, not the parser, says what is missing.</summary>
public sealed record EventInput
{
    public string? EventId { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public string? CallId { get; init; }
    public string? AgentId { get; init; }
    public string? Direction { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Queue { get; init; }
    public string? Reason { get; init; }
    public string? Disposition { get; init; }
    public string? Notes { get; init; }
    public string? RecordingUrl { get; init; }
    public string? TransferTo { get; init; }
    public Dictionary<string, string>? Attributes { get; init; }

    public ContactCenterEvent ToEvent(string source) => new()
    {
        EventId = EventId ?? "",
        Type = Type ?? "",
        OccurredAt = OccurredAt ?? default,
        CallId = CallId,
        AgentId = AgentId,
        Direction = Direction,
        From = From,
        To = To,
        Queue = Queue,
        Reason = Reason,
        Disposition = Disposition,
        Notes = Notes,
        RecordingUrl = RecordingUrl,
        TransferTo = TransferTo,
        Attributes = Attributes ?? [],
        Source = source,
    };
}
