namespace Switchboard.Ingress.Ami;

/// <summary>
/// What the hub can ask the contact center to do for an agent. Failures throw
/// <see cref="ContactCenterActionException"/> with the contact center's reason.
/// </summary>
public interface IContactCenterActions
{
    /// <summary>Click-to-dial: rings the agent's phone and, once answered, dials <paramref name="number"/>.</summary>
    Task<PlacedCall> PlaceCallAsync(string agentId, string number, CancellationToken cancellationToken);

    /// <summary>Pauses (not ready, with a reason) or unpauses an agent, in one queue or in all of them.</summary>
    Task SetAgentPausedAsync(string agentId, bool paused, string? reason, string? queue, CancellationToken cancellationToken);
}
