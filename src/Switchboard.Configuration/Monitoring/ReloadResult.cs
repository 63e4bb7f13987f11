namespace Switchboard.Configuration;

/// <summary>
/// What one reload did. <see cref="Warnings"/> lists changes that were read but wait for a restart
/// (server, storage, hub.dataDirectory); <see cref="Errors"/> is empty unless the outcome is Rejected.
/// </summary>
public sealed record ReloadResult(
    ReloadOutcome Outcome,
    HubConfiguration? Configuration,
    IReadOnlyList<ConfigurationError> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool Applied => Outcome == ReloadOutcome.Applied;
}
