using Switchboard.Storage.Migrations;

namespace Switchboard.Security.ApiKeys;

/// <summary>The security module's own tables.</summary>
public sealed class ApiKeySchema : IMigrationSource
{
    public string Module => "security";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "api keys",
            Sqlite: """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    secret_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NULL,
                    revoked_at INTEGER NULL
                );
                """,
            PostgreSql: """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    secret_hash TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NULL,
                    revoked_at BIGINT NULL
                );
                """),
    ];
}
