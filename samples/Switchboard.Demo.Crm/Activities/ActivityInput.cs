namespace Switchboard.Demo.Crm.Activities;

/// <summary>The body of POST /api/activities: a call to log.</summary>
internal sealed class ActivityInput
{
    public string? ContactId { get; init; }
    public string? Subject { get; init; }
    public string? Direction { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Disposition { get; init; }
    public string? Notes { get; init; }
    public string? RecordingUrl { get; init; }
    public string? CallId { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Why the activity cannot be logged, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(ContactId) || string.IsNullOrWhiteSpace(Subject) || OccurredAt is null)
        {
            return "Required fields are missing: [contactId, subject, occurredAt]";
        }

        if (Direction is not null && NormalizedDirection is null)
        {
            return $"direction: '{Direction}' is not one of Inbound, Outbound";
        }

        if (DurationSeconds is < 0)
        {
            return "durationSeconds: must not be negative";
        }

        if (RecordingUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return $"recordingUrl: '{url}' is not an absolute URL";
        }

        return null;
    }

    /// <summary>"Inbound" or "Outbound" whatever the case the caller used; null when neither.</summary>
    public string? NormalizedDirection => Direction?.Trim().ToUpperInvariant() switch
    {
        "INBOUND" => "Inbound",
        "OUTBOUND" => "Outbound",
        _ => null,
    };
}
