using System.Net;
using Switchboard.Core.Phones;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds switchboard.yaml: the hub, server, storage, phone, logging, desktop, delivery and redis sections.</summary>
internal static class HubFileBinder
{
    private static readonly string[] RootKeys = ["hub", "server", "storage", "phone", "logging", "desktop", "delivery", "redis"];
    private static readonly string[] HubKeys = ["name", "dataDirectory"];
    private static readonly string[] ServerKeys = ["address", "httpsPort", "certificate", "limits"];
    private static readonly string[] CertificateKeys = ["path", "password"];
    private static readonly string[] LimitKeys = ["maxRequestBodyBytes", "maxBatchSize"];
    private static readonly string[] StorageKeys = ["provider", "durability", "sqlite", "postgresql"];
    private static readonly string[] SqliteKeys = ["path"];
    private static readonly string[] PostgresqlKeys = ["connectionString"];
    private static readonly string[] PhoneKeys = ["defaultRegion"];
    private static readonly string[] LoggingKeys = ["level", "format"];
    private static readonly string[] RedisKeys = ["connectionString", "channelPrefix"];

    public static HubConfiguration Bind(FileContext file, YamlMappingNode node, string fingerprint)
    {
        var directory = file.ConfigurationDirectory;
        var root = new MappingReader(file, node, string.Empty, RootKeys);
        var hub = BindHub(root.Map("hub", HubKeys), directory);
        return new HubConfiguration
        {
            Directory = directory,
            Fingerprint = fingerprint,
            Hub = hub,
            Server = BindServer(root.Map("server", ServerKeys), directory),
            Storage = BindStorage(root.Map("storage", StorageKeys), hub.DataDirectory, directory),
            Phone = BindPhone(root.Map("phone", PhoneKeys)),
            Logging = BindLogging(root.Map("logging", LoggingKeys)),
            Desktop = DesktopSettingsBinder.Bind(root.Map("desktop", DesktopSettingsBinder.Keys)),
            Delivery = DeliverySettingsBinder.Bind(root.Map("delivery", DeliverySettingsBinder.Keys), directory),
            Redis = BindRedis(root.Map("redis", RedisKeys), directory),
        };
    }

    private static RedisSettings? BindRedis(MappingReader? map, string directory)
    {
        if (map is null)
        {
            return null;
        }

        var connection = map.Secret("connectionString", directory, required: true);
        var prefix = map.String("channelPrefix")?.Trim();
        if (prefix is not null && (prefix.Length is 0 or > 100 || prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':'))))
        {
            map.File.Report(map.Value("channelPrefix"), map.FieldPath("channelPrefix"), prefix, "must be 1 to 100 letters, digits, '.', '-', '_' or ':'");
            prefix = null;
        }

        return connection is null ? null : new RedisSettings { ConnectionString = connection, ChannelPrefix = prefix ?? "switchboard" };
    }

    private static HubSettings BindHub(MappingReader? map, string directory)
    {
        var defaults = new HubSettings();
        var name = map?.String("name");
        if (name is not null && name.Trim().Length == 0)
        {
            map!.File.Report(map.Value("name"), map.FieldPath("name"), name, "is blank; give the hub a name or leave the field out");
        }

        return new HubSettings
        {
            Name = string.IsNullOrWhiteSpace(name) ? defaults.Name : name.Trim(),
            DataDirectory = Path.GetFullPath(map?.String("dataDirectory") ?? defaults.DataDirectory, directory),
        };
    }

    private static ServerSettings BindServer(MappingReader? map, string directory)
    {
        var defaults = new ServerSettings();
        if (map is null)
        {
            return defaults;
        }

        var address = defaults.Address;
        if (map.String("address") is { } addressText)
        {
            if (IPAddress.TryParse(addressText, out var parsed))
            {
                address = parsed;
            }
            else
            {
                map.File.Report(map.Value("address"), map.FieldPath("address"), addressText,
                    "is not an IP address (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)");
            }
        }

        CertificateSettings? certificate = null;
        if (map.Map("certificate", CertificateKeys) is { } certificateMap)
        {
            var path = certificateMap.String("path", required: true);
            var password = certificateMap.Secret("password", directory);
            certificate = new CertificateSettings { Path = Path.GetFullPath(path ?? string.Empty, directory), Password = password };
        }

        var limits = new ServerLimits();
        if (map.Map("limits", LimitKeys) is { } limitsMap)
        {
            limits = new ServerLimits
            {
                MaxRequestBodyBytes = limitsMap.Long("maxRequestBodyBytes", ServerLimits.MinRequestBodyBytes, ServerLimits.MaxRequestBodyBytesLimit)
                    ?? limits.MaxRequestBodyBytes,
                MaxBatchSize = limitsMap.Int("maxBatchSize", ServerLimits.MinBatchSize, ServerLimits.MaxBatchSizeLimit) ?? limits.MaxBatchSize,
            };
        }

        return new ServerSettings
        {
            Address = address,
            HttpsPort = map.Int("httpsPort", ServerSettings.MinHttpsPort, ServerSettings.MaxHttpsPort) ?? defaults.HttpsPort,
            Certificate = certificate,
            Limits = limits,
        };
    }

    private static StorageSettings BindStorage(MappingReader? map, string dataDirectory, string directory)
    {
        var defaults = new StorageSettings();
        var provider = map?.Enum("provider", YamlEnums.Providers) ?? defaults.Provider;
        var sqlitePath = map?.Map("sqlite", SqliteKeys)?.String("path") ?? defaults.Sqlite.Path;

        PostgresqlSettings? postgresql = null;
        var postgresqlMap = map?.Map("postgresql", PostgresqlKeys);
        if (postgresqlMap is not null)
        {
            var connectionString = postgresqlMap.Secret("connectionString", directory, required: true);
            postgresql = connectionString is null ? null : new PostgresqlSettings { ConnectionString = connectionString };
        }
        else if (provider == StorageProvider.Postgresql)
        {
            map!.File.Report(map.Node, "storage.postgresql.connectionString", null, "is required when storage.provider is postgresql");
        }

        return new StorageSettings
        {
            Provider = provider,
            Durability = map?.Enum("durability", YamlEnums.Durabilities) ?? defaults.Durability,
            Sqlite = new SqliteSettings { Path = Path.GetFullPath(sqlitePath, dataDirectory) },
            Postgresql = postgresql,
        };
    }

    private static PhoneSettings BindPhone(MappingReader? map)
    {
        var region = map?.String("defaultRegion");
        if (region is null)
        {
            return new PhoneSettings();
        }

        if (!PhoneNormalizer.IsKnownRegion(region))
        {
            map!.File.Report(map.Value("defaultRegion"), map.FieldPath("defaultRegion"), region,
                "is not a region libphonenumber knows (ISO 3166 codes such as US, GB, DE)");
            return new PhoneSettings();
        }

        return new PhoneSettings { DefaultRegion = region.ToUpperInvariant() };
    }

    private static LoggingSettings BindLogging(MappingReader? map)
    {
        var defaults = new LoggingSettings();
        return new LoggingSettings
        {
            Level = map?.Enum("level", YamlEnums.LogLevels) ?? defaults.Level,
            Format = map?.Enum("format", YamlEnums.LogFormats) ?? defaults.Format,
        };
    }
}
