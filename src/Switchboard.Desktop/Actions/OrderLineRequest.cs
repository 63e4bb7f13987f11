namespace Switchboard.Desktop.Actions;

/// <summary>One line of a new order: what (<paramref name="Sku"/>), how many, and optionally the price per unit.</summary>
public sealed record OrderLineRequest(string? Sku, int? Quantity, decimal? UnitPrice = null, string? Description = null);
