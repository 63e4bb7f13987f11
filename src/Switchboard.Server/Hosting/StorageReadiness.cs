namespace Switchboard.Server.Hosting;

/// <summary>Whether the schema has been migrated on this start, and the last reason it could not be.</summary>
public sealed class StorageReadiness
{
    private volatile bool _migrated;
    private volatile string? _lastError = "the schema has not been migrated yet";

    public bool IsMigrated => _migrated;
    public string? LastError => _lastError;

    public void MarkMigrated()
    {
        _lastError = null;
        _migrated = true;
    }

    public void MarkFailed(string reason) => _lastError = reason;
}
