namespace Switchboard.Flows.Reconciliation;

/// <summary>
/// What reconciliation found for one system and period: the completed interactions the hub holds, the activities the
/// system lists, which interactions it lacks (<see cref="Missing"/>) or holds more than once (<see cref="Duplicated"/>),
/// activities that name no interaction of the period (<see cref="Unknown"/>), and how many were sent again.
/// </summary>
public sealed record ReconciliationReport(
    string System,
    string Flow,
    DateTimeOffset From,
    DateTimeOffset To,
    int HubInteractions,
    int TargetActivities,
    IReadOnlyList<string> Missing,
    IReadOnlyList<ReconciledDuplicate> Duplicated,
    IReadOnlyList<string> Unknown,
    int Resent);

/// <summary>An interaction the system holds <see cref="Count"/> times, with the system's ids of its copies.</summary>
public sealed record ReconciledDuplicate(string InteractionId, int Count, IReadOnlyList<string> ExternalIds);
