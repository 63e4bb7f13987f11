namespace Switchboard.ScreenPop;

/// <summary>The customer 360: the profile merged from every system that knows the caller, with orders, open tickets and history.</summary>
public sealed record PopCustomer
{
    /// <summary>The key of the candidate this customer was built from.</summary>
    public required string Key { get; init; }

    public required string DisplayName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    /// <summary>BCP 47, e.g. <c>zh-CN</c>.</summary>
    public string? Language { get; init; }

    public IReadOnlyList<string> Phones { get; init; } = [];

    public IReadOnlyList<string> Emails { get; init; } = [];

    public IReadOnlyList<PopLink> Links { get; init; } = [];

    /// <summary>Latest first.</summary>
    public IReadOnlyList<PopOrder> Orders { get; init; } = [];

    /// <summary>Open tickets, latest first.</summary>
    public IReadOnlyList<PopTicket> Tickets { get; init; } = [];

    /// <summary>The last calls, latest first.</summary>
    public IReadOnlyList<PopInteraction> Interactions { get; init; } = [];
}
