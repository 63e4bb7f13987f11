namespace Switchboard.Configuration;

public enum LogFormat
{
    /// <summary>One JSON object per line, for log collectors.</summary>
    Json,

    /// <summary>Human-readable lines, for a terminal.</summary>
    Text,
}
