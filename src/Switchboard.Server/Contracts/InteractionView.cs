using Switchboard.Core.Interactions;
using Switchboard.Interactions.Assembly;

namespace Switchboard.Server.Contracts;

/// <summary>An interaction as the API shows it: the record, its timeline, and the figures computed from it.</summary>
public sealed record InteractionView
{
    public required string Id { get; init; }
    public required string CallId { get; init; }
    public CallDirection Direction { get; init; }
    public InteractionState State { get; init; }
    public string? CallerNumber { get; init; }
    public string? CallerNumberRaw { get; init; }
    public string? CalledNumber { get; init; }
    public string? Queue { get; init; }
    public IReadOnlyList<string> AgentIds { get; init; } = [];
    public string? CustomerId { get; init; }
    public string? Disposition { get; init; }
    public string? Notes { get; init; }
    public string? RecordingUrl { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required InteractionFigures Figures { get; init; }
    public IReadOnlyList<InteractionEvent> Timeline { get; init; } = [];

    public static InteractionView From(Interaction i) => new()
    {
        Id = i.Id,
        CallId = i.CallId,
        Direction = i.Direction,
        State = i.State,
        CallerNumber = i.CallerNumber,
        CallerNumberRaw = i.CallerNumberRaw,
        CalledNumber = i.CalledNumber,
        Queue = i.Queue,
        AgentIds = i.AgentIds,
        CustomerId = i.CustomerId,
        Disposition = i.Disposition,
        Notes = i.Notes,
        RecordingUrl = i.RecordingUrl,
        StartedAt = i.StartedAt,
        AnsweredAt = i.AnsweredAt,
        EndedAt = i.EndedAt,
        CompletedAt = i.CompletedAt,
        Figures = InteractionFigures.From(i),
        Timeline = i.Timeline,
    };
}
