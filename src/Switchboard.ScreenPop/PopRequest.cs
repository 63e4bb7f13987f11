namespace Switchboard.ScreenPop;

/// <summary>A call to pop: who is calling (or, outbound, who is called) and what the IVR collected.</summary>
public sealed record PopRequest
{
    /// <summary>The contact center's id for the call; snapshots and picks refer to it.</summary>
    public required string CallId { get; init; }

    /// <summary>The agent the call is offered to, if known.</summary>
    public string? AgentId { get; init; }

    /// <summary>The caller's number exactly as the contact center sent it.</summary>
    public string? CallerNumber { get; init; }

    public string? CalledNumber { get; init; }

    public string? Queue { get; init; }

    /// <summary><c>inbound</c> (the customer is the caller) or <c>outbound</c> (the customer is the called number).</summary>
    public string Direction { get; init; } = "inbound";

    /// <summary>
    /// Data attached to the call by the IVR. The keys the pop understands: <c>orderNumber</c>,
    /// <c>ticketNumber</c>, <c>accountNumber</c> and <c>customerId</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
