using Switchboard.Configuration;

namespace Switchboard.Server.Hosting;

public static class ConfigurationMonitorExtensions
{
    /// <summary>The configuration the hub runs on. The hub only starts on a valid one, so there always is one.</summary>
    public static HubConfiguration Running(this ConfigurationMonitor monitor) =>
        monitor.Current ?? throw new InvalidOperationException("The hub has no valid configuration; it should not have started.");
}
