namespace Switchboard.Desktop.Actions;

/// <summary>
/// A ticket for a customer in one of the customer's systems (<paramref name="CustomerSystem"/> and its
/// <paramref name="CustomerId"/>), optionally tied to the call the agent is on.
/// </summary>
public sealed record CreateTicketRequest(
    string? CustomerSystem, string? CustomerId, string? Subject, string? Description = null, string? Priority = null, string? CallId = null);
