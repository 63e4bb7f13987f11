namespace Switchboard.Demo.Crm.Activities;

/// <summary>A logged call on a contact's timeline.</summary>
internal sealed record CallActivity(
    string Id,
    string ContactId,
    string Subject,
    string Direction,
    int DurationSeconds,
    string? Disposition,
    string? Notes,
    string? RecordingUrl,
    string? CallId,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedDate);
