namespace Switchboard.ScreenPop;

/// <summary>A recent order of the customer, as the system that holds it reported it.</summary>
public sealed record PopOrder
{
    public required string System { get; init; }

    public required string ExternalId { get; init; }

    public string? Number { get; init; }

    public string? Status { get; init; }

    public decimal? Total { get; init; }

    public string? Currency { get; init; }

    /// <summary>As mapped (ISO 8601 when the mapping types it as dateTime).</summary>
    public string? CreatedAt { get; init; }

    public string? Url { get; init; }
}
