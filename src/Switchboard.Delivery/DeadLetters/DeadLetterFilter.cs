namespace Switchboard.Delivery.DeadLetters;

/// <summary>
/// Which dead letters: every field given narrows the selection. Replay and discard refuse an empty filter (no field
/// and <see cref="All"/> false), so an operator never replays or discards everything by accident.
/// </summary>
public sealed record DeadLetterFilter
{
    public const string EmptyMessage = "say which dead letters: an id, a filter, or all";

    /// <summary>The message id.</summary>
    public string? Id { get; init; }

    public string? Target { get; init; }

    public string? Operation { get; init; }

    public string? Source { get; init; }

    /// <summary>Failed at or after this instant.</summary>
    public DateTimeOffset? FailedFrom { get; init; }

    /// <summary>Failed before this instant (the range is half-open: <c>[FailedFrom, FailedTo)</c>).</summary>
    public DateTimeOffset? FailedTo { get; init; }

    /// <summary>Says that an otherwise empty filter means every dead letter; with other fields it changes nothing.</summary>
    public bool All { get; init; }

    /// <summary>Every dead letter, for replay and discard.</summary>
    public static DeadLetterFilter Everything { get; } = new() { All = true };

    /// <summary>No field is given and <see cref="All"/> is false.</summary>
    public bool IsEmpty =>
        !All && Id is null && Target is null && Operation is null && Source is null && FailedFrom is null && FailedTo is null;
}
