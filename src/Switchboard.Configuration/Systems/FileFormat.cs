namespace Switchboard.Configuration;

public enum FileFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>One JSON object per line.</summary>
    JsonLines,
}
