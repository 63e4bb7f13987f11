using Microsoft.Extensions.Logging;

namespace Switchboard.Storage.Migrations;

/// <summary>Log messages of the storage layer; event ids 3000–3099.</summary>
internal static partial class SchemaMigratorLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Applied migration {Module} {Version} '{Name}' to {Database}")]
    public static partial void MigrationApplied(this ILogger logger, string module, int version, string name, string database);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Schema of {Database} is up to date ({Modules} modules)")]
    public static partial void SchemaUpToDate(this ILogger logger, string database, int modules);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error,
        Message = "Migration {Module} {Version} '{Name}' failed on {Database} and was rolled back")]
    public static partial void MigrationFailed(this ILogger logger, Exception exception, string module, int version, string name, string database);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug,
        Message = "Migration {Module} {Version} was applied by another process meanwhile")]
    public static partial void MigrationAppliedElsewhere(this ILogger logger, string module, int version);
}
