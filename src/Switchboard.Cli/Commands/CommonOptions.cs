using System.CommandLine;

namespace Switchboard.Cli.Commands;

public static class CommonOptions
{
    public const string ConfigEnvironmentVariable = "SWITCHBOARD_CONFIG";

    /// <summary><c>--config DIR</c>: the configuration directory; defaults to $SWITCHBOARD_CONFIG, then ./config.</summary>
    public static Option<DirectoryInfo> Config() => new("--config", "-c")
    {
        Description = $"Configuration directory (holds switchboard.yaml, systems/, flows/). Default: ${ConfigEnvironmentVariable} or ./config",
        DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable(ConfigEnvironmentVariable) is { Length: > 0 } dir ? dir : "config"),
    };
}
