namespace Switchboard.Configuration;

/// <summary>Raised by <see cref="ConfigurationMonitor"/> after a reload replaced the current configuration.</summary>
public sealed class ConfigurationChangedEventArgs(HubConfiguration? previous, HubConfiguration current, IReadOnlyList<string> warnings) : EventArgs
{
    /// <summary>The configuration before the reload; null when none had loaded yet.</summary>
    public HubConfiguration? Previous { get; } = previous;

    public HubConfiguration Current { get; } = current;

    /// <summary>Changes that wait for a restart.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;
}
