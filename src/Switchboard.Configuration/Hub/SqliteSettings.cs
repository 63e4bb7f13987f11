namespace Switchboard.Configuration;

public sealed record SqliteSettings
{
    /// <summary>The database file; absolute after loading (relative paths are taken from the data directory).</summary>
    public string Path { get; init; } = "switchboard.db";
}
