using Microsoft.Extensions.Logging;

namespace Switchboard.Configuration;

/// <summary>Log messages of <see cref="ConfigurationMonitor"/>; event ids 2000–2099.</summary>
internal static partial class ConfigurationMonitorLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Configuration loaded from {Directory}: {SystemCount} systems, {FlowCount} flows (fingerprint {Fingerprint})")]
    public static partial void Loaded(ILogger logger, string directory, int systemCount, int flowCount, string fingerprint);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error,
        Message = "Configuration in {Directory} has {ErrorCount} errors; keeping the last good configuration")]
    public static partial void Rejected(ILogger logger, string directory, int errorCount);

    // The error text names file, line, field and reason; secret values are never part of it.
    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Configuration error: {Error}")]
    public static partial void Error(ILogger logger, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void RestartRequired(ILogger logger, string warning);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Configuration in {Directory} is unchanged")]
    public static partial void Unchanged(ILogger logger, string directory);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Configuration file {Path} changed; reloading after {DebounceMs} ms of quiet")]
    public static partial void ChangeDetected(ILogger logger, string path, double debounceMs);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Watching {Directory} for changes failed; reloading now")]
    public static partial void WatcherFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Reloading the configuration in {Directory} failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Configuration directory {Directory} does not exist; it is not watched for changes")]
    public static partial void NotWatched(ILogger logger, string directory);
}
