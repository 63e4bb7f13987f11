using Switchboard.Configuration;
using Switchboard.Storage;

namespace Switchboard.Server.Hosting;

/// <summary>Where the hub keeps its files, and the storage settings derived from the configuration.</summary>
public static class HubPaths
{
    /// <summary>The data directory; a relative path is relative to the configuration directory.</summary>
    public static string DataDirectory(HubConfiguration configuration) =>
        Path.GetFullPath(Path.Combine(configuration.Directory, configuration.Hub.DataDirectory));

    public static StorageOptions StorageOptions(HubConfiguration configuration)
    {
        var storage = configuration.Storage;
        return new StorageOptions
        {
            Provider = storage.Provider == StorageProvider.Postgresql ? StorageProviderKind.PostgreSql : StorageProviderKind.Sqlite,
            Durability = storage.Durability == StorageDurability.Power ? Durability.Power : Durability.Process,
            SqlitePath = Path.GetFullPath(Path.Combine(DataDirectory(configuration), storage.Sqlite.Path)),
            PostgreSqlConnectionString = storage.Provider == StorageProvider.Postgresql ? storage.Postgresql?.ConnectionString.Resolve() : null,
        };
    }
}
