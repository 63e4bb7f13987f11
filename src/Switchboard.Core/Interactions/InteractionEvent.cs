namespace Switchboard.Core.Interactions;

/// <summary>
/// One entry in an interaction's timeline, as received from the contact center.
/// <see cref="EventId"/> is the sender's id and makes delivery idempotent.
/// </summary>
public sealed record InteractionEvent
{
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string? AgentId { get; init; }
    public string? Source { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
}
