namespace Switchboard.Configuration;

/// <summary>The <c>hub</c> section of switchboard.yaml.</summary>
public sealed record HubSettings
{
    /// <summary>Shown in the console and in logs.</summary>
    public string Name { get; init; } = "Switchboard";

    /// <summary>Where the database, the development certificate and other state live. Absolute after loading (relative paths are taken from the configuration directory).</summary>
    public string DataDirectory { get; init; } = "./data";
}
