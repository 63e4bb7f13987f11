namespace Switchboard.Configuration;

/// <summary>How far a system or a flow is rolled out.</summary>
public enum RolloutMode
{
    /// <summary>Not used at all.</summary>
    Off,

    /// <summary>Runs and reads for real, but records the writes it would make instead of sending them.</summary>
    Shadow,

    /// <summary>Applies only to a cohort: listed agents, listed queues, or a percentage of calls.</summary>
    Pilot,

    /// <summary>Applies to everything.</summary>
    On,
}
