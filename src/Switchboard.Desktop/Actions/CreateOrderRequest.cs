namespace Switchboard.Desktop.Actions;

/// <summary>An order for a customer in one of the customer's systems, in one currency, with at least one line.</summary>
public sealed record CreateOrderRequest(
    string? CustomerSystem, string? CustomerId, string? Currency, IReadOnlyList<OrderLineRequest?>? Lines, string? CallId = null);
