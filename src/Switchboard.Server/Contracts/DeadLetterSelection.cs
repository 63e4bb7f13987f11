namespace Switchboard.Server.Contracts;

/// <summary>
/// Which dead letters to replay or discard: an <see cref="Id"/>, a filter (every field given narrows it), or
/// <see cref="All"/>. <see cref="From"/> and <see cref="To"/> bound the failure time, <c>[from, to)</c>, as ISO 8601.
/// </summary>
public sealed record DeadLetterSelection(string? Id, string? Target, string? Operation, string? Source, string? From, string? To, bool? All);

/// <summary>The answer to a replay: how many dead letters went back to the outbox.</summary>
public sealed record DeadLettersReplayed(int Replayed);

/// <summary>The answer to a discard: how many dead letters were deleted.</summary>
public sealed record DeadLettersDiscarded(int Discarded);
