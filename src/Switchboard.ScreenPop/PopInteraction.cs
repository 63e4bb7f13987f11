namespace Switchboard.ScreenPop;

/// <summary>One of the customer's last calls, from the hub's own history.</summary>
public sealed record PopInteraction
{
    /// <summary>The hub's interaction id.</summary>
    public required string Id { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary><c>inbound</c>, <c>outbound</c> or <c>internal</c>.</summary>
    public string? Direction { get; init; }

    public string? Disposition { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<string> AgentIds { get; init; } = [];
}
