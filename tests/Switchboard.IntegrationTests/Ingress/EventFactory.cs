namespace Switchboard.IntegrationTests.Ingress;

/// <summary>Builds event bodies as a contact center would post them.</summary>
internal static class EventFactory
{
    public static object Call(string eventId, string type, string callId, DateTimeOffset at, string? agentId = null, string? from = null,
        string? queue = null, string? reason = null, string? disposition = null, string? notes = null, string? transferTo = null) => new
    {
        eventId,
        type,
        occurredAt = at,
        callId,
        agentId,
        from,
        queue,
        reason,
        disposition,
        notes,
        transferTo,
    };

    public static object Agent(string eventId, string type, string agentId, DateTimeOffset at, string? reason = null) => new
    {
        eventId,
        type,
        occurredAt = at,
        agentId,
        reason,
    };
}
