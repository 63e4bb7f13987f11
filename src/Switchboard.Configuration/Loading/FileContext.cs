using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>One configuration file being bound: its name, the directory it belongs to, and where its errors go.</summary>
internal sealed class FileContext(string file, string configurationDirectory, List<ConfigurationError> errors)
{
    /// <summary>Relative to the configuration directory, with forward slashes.</summary>
    public string File { get; } = file;

    public string ConfigurationDirectory { get; } = configurationDirectory;

    public int ErrorCount { get; private set; }

    public void Report(YamlNode? node, string field, string? value, string reason)
    {
        // Nodes made in code (an empty file's stand-in mapping) have no position; point at the file's start.
        var line = node is null ? 1 : Math.Max(1, (int)node.Start.Line);
        var column = node is null ? 1 : Math.Max(1, (int)node.Start.Column);
        Report(line, column, field, value, reason);
    }

    public void Report(int line, int column, string field, string? value, string reason)
    {
        errors.Add(new ConfigurationError(File, line, column, field, value, reason));
        ErrorCount++;
    }
}
