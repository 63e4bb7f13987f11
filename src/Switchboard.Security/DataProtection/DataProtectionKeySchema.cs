using Switchboard.Storage.Migrations;

namespace Switchboard.Security.DataProtection;

/// <summary>
/// The keys that protect the desktop's sign-in cookies (ASP.NET Core Data Protection's key ring), one row per key
/// as the XML Data Protection writes it. <c>created_at</c> is Unix milliseconds.
/// </summary>
public sealed class DataProtectionKeySchema : IMigrationSource
{
    public string Module => "dataprotection";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "data protection keys",
            Sqlite: """
                CREATE TABLE data_protection_keys (
                    name TEXT PRIMARY KEY,
                    xml TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                ) STRICT;
                """,
            PostgreSql: """
                CREATE TABLE data_protection_keys (
                    name TEXT PRIMARY KEY,
                    xml TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                );
                """),
    ];
}
