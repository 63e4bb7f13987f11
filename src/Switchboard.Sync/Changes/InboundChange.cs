using Switchboard.Core.Common;

namespace Switchboard.Sync.Changes;

/// <summary>One record of a system's change feed, read and checked: enough to update or create the hub's order or ticket.</summary>
internal sealed record InboundChange
{
    public required EntityKind Kind { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>The canonical status's enum name (<c>Shipped</c>), already checked against <see cref="Kind"/>'s statuses.</summary>
    public required string Status { get; init; }

    /// <summary>When the system changed the record, to the millisecond (what the hub stores).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The customer's id in the same system; needed to create a record the hub does not know.</summary>
    public string? CustomerExternalId { get; init; }

    public string? Number { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Orders: the ISO 4217 code, upper case.</summary>
    public string? Currency { get; init; }

    /// <summary>Tickets.</summary>
    public string? Subject { get; init; }

    /// <summary>Tickets.</summary>
    public string? Description { get; init; }

    /// <summary>Tickets: the priority's enum name.</summary>
    public string? Priority { get; init; }
}
