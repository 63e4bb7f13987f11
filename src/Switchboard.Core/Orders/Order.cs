using Switchboard.Core.CrossReferences;

namespace Switchboard.Core.Orders;

public sealed record Order
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    /// <summary>The number people quote on the phone, usually the ERP's.</summary>
    public string? Number { get; init; }
    public OrderStatus Status { get; init; } = OrderStatus.Draft;
    /// <summary>ISO 4217 currency code.</summary>
    public string Currency { get; init; } = "USD";
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];
    public IReadOnlyList<CrossReference> CrossReferences { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public decimal Total => Lines.Sum(l => l.Amount);
}
