using Switchboard.Core.Common;

namespace Switchboard.Core.CrossReferences;

/// <summary>
/// Links a hub record to its id in one external system, with the version (or modification
/// time) of that system's copy as last seen by the hub.
/// </summary>
public sealed record CrossReference(
    EntityKind Kind,
    string HubId,
    string System,
    string ExternalId,
    string? Version = null,
    DateTimeOffset? SeenAt = null);
