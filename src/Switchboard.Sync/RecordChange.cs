namespace Switchboard.Sync;

/// <summary>
/// A change the hub applied to one of its orders or tickets, as pushed to the agents watching the customer.
/// </summary>
/// <param name="CustomerId">The hub's customer id (the desktop watches <c>customer:{id}</c>).</param>
/// <param name="Kind"><c>order</c> or <c>ticket</c>.</param>
/// <param name="HubId">The hub's id of the order or ticket.</param>
/// <param name="System">The system the change came from.</param>
/// <param name="ExternalId">The record's id in that system (what the pop lists it by).</param>
/// <param name="Number">The number people quote, when known.</param>
/// <param name="Status">The canonical status in camelCase, as mappings write it (<c>shipped</c>, <c>inProgress</c>).</param>
/// <param name="UpdatedAt">When the system changed it.</param>
public sealed record RecordChange(
    string CustomerId,
    string Kind,
    string HubId,
    string System,
    string ExternalId,
    string? Number,
    string Status,
    DateTimeOffset UpdatedAt);
