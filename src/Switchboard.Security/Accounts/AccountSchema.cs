using Switchboard.Storage.Migrations;

namespace Switchboard.Security.Accounts;

/// <summary>
/// The table of local agent accounts. Its own module (<c>accounts</c>) rather than a second version
/// of <c>security</c>: each module has one migration source.
/// </summary>
/// <remarks>
/// Usernames are stored lower-case, so the plain UNIQUE constraint makes them unique regardless of
/// case on both providers. An agent id is unique among accounts that are not disabled: when an agent
/// leaves, their contact-center id can go to a new account while the old row stays for the record.
/// </remarks>
public sealed class AccountSchema : IMigrationSource
{
    public const string ModuleName = "accounts";

    public string Module => ModuleName;

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "agent accounts",
            Sqlite: """
                CREATE TABLE agent_accounts (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE CHECK (username = lower(username)),
                    display_name TEXT NOT NULL,
                    agent_id TEXT NOT NULL,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    disabled_at INTEGER NULL,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until INTEGER NULL
                );
                CREATE UNIQUE INDEX agent_accounts_active_agent_id ON agent_accounts (agent_id) WHERE disabled_at IS NULL;
                """,
            PostgreSql: """
                CREATE TABLE agent_accounts (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE CHECK (username = lower(username)),
                    display_name TEXT NOT NULL,
                    agent_id TEXT NOT NULL,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    disabled_at BIGINT NULL,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until BIGINT NULL
                );
                CREATE UNIQUE INDEX agent_accounts_active_agent_id ON agent_accounts (agent_id) WHERE disabled_at IS NULL;
                """),
    ];
}
