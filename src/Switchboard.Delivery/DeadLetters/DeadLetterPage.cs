namespace Switchboard.Delivery.DeadLetters;

/// <summary>One page of dead letters, newest failure first; <see cref="Next"/> is the cursor of the next page, null on the last.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, string? Next);
