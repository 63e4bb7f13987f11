namespace Switchboard.Server.Contracts;

/// <summary>An order as sent to <c>POST /api/v1/orders</c>. Status is text so a wrong value gets a field error, not a parser error.</summary>
public sealed record OrderInput(string? CustomerId, string? Number, string? Status, string? Currency, IReadOnlyList<OrderLineInput>? Lines);

public sealed record OrderLineInput(string? Sku, string? Description, decimal Quantity, decimal UnitPrice);

/// <summary>A ticket as sent to <c>POST /api/v1/tickets</c>.</summary>
public sealed record TicketInput(string? CustomerId, string? Subject, string? Description, string? Number, string? Status, string? Priority, string? InteractionId);

/// <summary>An agent as sent to <c>PUT /api/v1/agents/{id}</c>.</summary>
public sealed record AgentInput(string? Name, string? Extension, IReadOnlyList<string>? Queues, string? State, string? StateReason);
