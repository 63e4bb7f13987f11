namespace Switchboard.Delivery.DeadLetters;

/// <summary>One failed try at delivering a message: when, how long it took, and why it failed.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="Kind">The connector's failure kind (Transport, Timeout, Status, Mapping, …), or <c>Outcome</c> when the target answered a conflict.</param>
/// <param name="Status">The HTTP status of the last call, when there was one.</param>
public sealed record DeliveryAttempt(int Number, DateTimeOffset StartedAt, double DurationMs, string Error, string Kind, int? Status);
