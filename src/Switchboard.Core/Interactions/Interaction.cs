namespace Switchboard.Core.Interactions;

/// <summary>A call, assembled from the contact center's events, with its timeline.</summary>
public sealed record Interaction
{
    public required string Id { get; init; }
    /// <summary>The contact center's id for the call (e.g. Asterisk's Linkedid, Twilio's CallSid).</summary>
    public required string CallId { get; init; }
    public CallDirection Direction { get; init; } = CallDirection.Inbound;
    public InteractionState State { get; init; } = InteractionState.Offered;
    /// <summary>Caller number in E.164, or null when withheld or unreadable.</summary>
    public string? CallerNumber { get; init; }
    /// <summary>The caller number exactly as received.</summary>
    public string? CallerNumberRaw { get; init; }
    public string? CalledNumber { get; init; }
    public string? Queue { get; init; }
    public IReadOnlyList<string> AgentIds { get; init; } = [];
    public string? CustomerId { get; init; }
    public string? Disposition { get; init; }
    public string? Notes { get; init; }
    public string? RecordingUrl { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<InteractionEvent> Timeline { get; init; } = [];
}
