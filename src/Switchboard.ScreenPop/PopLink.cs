namespace Switchboard.ScreenPop;

/// <summary>A record's id in one system (<c>switchboard</c> for the hub's own record), and where to open it there.</summary>
public sealed record PopLink
{
    public required string System { get; init; }

    public required string ExternalId { get; init; }

    public string? Url { get; init; }
}
