using Switchboard.Core.CrossReferences;

namespace Switchboard.Core.Tickets;

public sealed record Ticket
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public string? Number { get; init; }
    public required string Subject { get; init; }
    public string? Description { get; init; }
    public TicketStatus Status { get; init; } = TicketStatus.Open;
    public TicketPriority Priority { get; init; } = TicketPriority.Normal;
    /// <summary>The interaction the ticket was opened from, if any.</summary>
    public string? InteractionId { get; init; }
    public IReadOnlyList<CrossReference> CrossReferences { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsOpen => Status is TicketStatus.Open or TicketStatus.Pending;
}
