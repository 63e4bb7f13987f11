namespace Switchboard.ScreenPop;

/// <summary>An open ticket of the customer (or the ticket the caller quoted in the IVR, whatever its status).</summary>
public sealed record PopTicket
{
    public required string System { get; init; }

    public required string ExternalId { get; init; }

    public string? Subject { get; init; }

    public string? Status { get; init; }

    public string? Priority { get; init; }

    public string? CreatedAt { get; init; }

    public string? Url { get; init; }
}
