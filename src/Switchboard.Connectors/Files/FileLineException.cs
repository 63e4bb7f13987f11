namespace Switchboard.Connectors.Files;

/// <summary>A line of a file that cannot be read; the connector adds the file name.</summary>
internal sealed class FileLineException(int line, string reason) : Exception(reason)
{
    public int Line { get; } = line;
}
