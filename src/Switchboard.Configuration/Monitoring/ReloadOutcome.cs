namespace Switchboard.Configuration;

public enum ReloadOutcome
{
    /// <summary>The files were valid and changed; <see cref="ConfigurationMonitor.Current"/> was replaced.</summary>
    Applied,

    /// <summary>The files were valid and have not changed since the current configuration was loaded.</summary>
    Unchanged,

    /// <summary>The files had errors; the last good configuration stays current.</summary>
    Rejected,
}
