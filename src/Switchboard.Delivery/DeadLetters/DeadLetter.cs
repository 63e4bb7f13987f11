namespace Switchboard.Delivery.DeadLetters;

/// <summary>A message the retry policy gave up on, kept with why and with every attempt, until an operator replays or discards it.</summary>
/// <param name="Reason">The last attempt's error, or why the policy stopped (e.g. a permanent failure).</param>
/// <param name="Attempts">Every try, first to last.</param>
public sealed record DeadLetter(DeliveryMessage Message, string Reason, DateTimeOffset FailedAt, IReadOnlyList<DeliveryAttempt> Attempts);
