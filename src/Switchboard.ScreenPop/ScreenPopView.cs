namespace Switchboard.ScreenPop;

/// <summary>
/// One snapshot of a pop, as pushed to the agent. A pop yields several: the first at once (every
/// source pending), one as each source answers, fails or times out, the last with <see cref="Complete"/>.
/// </summary>
public sealed record ScreenPopView
{
    public required string CallId { get; init; }

    public string? AgentId { get; init; }

    /// <summary>The customer's number in E.164 (the caller's inbound, the called number outbound); null when withheld or unreadable.</summary>
    public string? CallerNumber { get; init; }

    /// <summary>That number as the contact center sent it.</summary>
    public string? CallerNumberRaw { get; init; }

    /// <summary>The queue the call came through, when the contact center said.</summary>
    public string? Queue { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public string Direction { get; init; } = "inbound";

    /// <summary>The number is withheld or unreadable: no phone lookups were made.</summary>
    public bool Withheld { get; init; }

    public PopMatch Match { get; init; } = PopMatch.Searching;

    /// <summary>
    /// What decided the match: <c>ivr:orderNumber</c>, <c>ivr:ticketNumber</c>, <c>ivr:accountNumber</c>,
    /// <c>ivr:customerId</c>, <c>remembered</c>, <c>phone</c>, <c>pick</c> or <c>created</c> (the agent created the caller).
    /// </summary>
    public string? MatchedBy { get; init; }

    /// <summary>Everyone found so far (the short list to pick from when <see cref="Match"/> is Multiple).</summary>
    public IReadOnlyList<PopCandidate> Candidates { get; init; } = [];

    /// <summary>
    /// The customer 360 when the match is Single; while searching, the only candidate found so far
    /// (provisional, it may still change).
    /// </summary>
    public PopCustomer? Customer { get; init; }

    public IReadOnlyList<PopSource> Sources { get; init; } = [];

    /// <summary>The last snapshot of this pop: every source answered, failed or timed out, or the budget ran out.</summary>
    public bool Complete { get; init; }

    /// <summary>Increases with every snapshot of the call, across its pop and picks; a desktop ignores older ones.</summary>
    public int Sequence { get; init; }
}
