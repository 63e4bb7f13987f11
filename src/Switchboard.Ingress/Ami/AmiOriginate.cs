namespace Switchboard.Ingress.Ami;

/// <summary>
/// The fields of an Originate: the <see cref="Channel"/> to ring, then either a dialplan destination
/// (<see cref="Context"/>, <see cref="Exten"/>, <see cref="Priority"/>) or an <see cref="Application"/>.
/// </summary>
public sealed record AmiOriginate
{
    /// <summary>What to ring first, e.g. the agent's <c>PJSIP/100</c>.</summary>
    public required string Channel { get; init; }

    public string? Context { get; init; }

    public string? Exten { get; init; }

    public int Priority { get; init; } = 1;

    public string? Application { get; init; }

    public string? Data { get; init; }

    /// <summary>e.g. <c>"Hub" &lt;1000&gt;</c>.</summary>
    public string? CallerId { get; init; }

    /// <summary>The Uniqueid of the first leg, hence the call's Linkedid: the hub knows the call's id before any event.</summary>
    public string? ChannelId { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>Channel variables set on the new channel (one <c>Variable: name=value</c> line each).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>True: the Response comes at once and the result later as an OriginateResponse event with the same ActionID.</summary>
    public bool Async { get; init; } = true;
}
