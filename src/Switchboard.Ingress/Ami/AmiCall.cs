namespace Switchboard.Ingress.Ami;

/// <summary>What the tracker knows of one customer call, keyed by its Linkedid.</summary>
internal sealed class AmiCall(string linkedId)
{
    public string LinkedId { get; } = linkedId;

    public string? From { get; set; }

    public string? CallerName { get; set; }

    public string? To { get; set; }

    public string? Queue { get; set; }

    /// <summary>The Uniqueid of the leg the queue events name (the ;2 leg of a Local call; the only leg of a SIP call).</summary>
    public string? QueueLeg { get; set; }

    public string? AgentId { get; set; }

    /// <summary><c>inbound</c>, or <c>outbound</c> for a call the hub asked Asterisk to place.</summary>
    public string Direction { get; init; } = "inbound";

    public bool InQueue { get; set; }

    public bool Answered { get; set; }

    public bool Held { get; set; }

    public bool Ended { get; set; }

    /// <summary>A caller leg asked to hang up or hung up (before QueueCallerAbandon this tells a real abandon from a queue timeout).</summary>
    public bool CallerHungUp { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public bool IsCallerLeg(string? uniqueId) =>
        uniqueId is not null && (uniqueId == LinkedId || uniqueId == QueueLeg);
}
