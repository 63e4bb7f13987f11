using Switchboard.Storage.Migrations;

namespace Switchboard.Sync.Polling;

/// <summary>
/// The sync module's own table: per system and changed-since operation, the high-water mark to pass as
/// <c>since</c> at the next poll, exactly as the system (or the records' latest <c>updatedAt</c>) gave it; and
/// the lease that says which hub process polls it next (<see cref="PollLeases"/>). Instants are Unix milliseconds.
/// </summary>
public sealed class SyncSchema : IMigrationSource
{
    public string Module => "sync";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "high-water marks",
            Sqlite: """
                CREATE TABLE sync_high_water_marks (
                    system TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    mark TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (system, operation)
                ) STRICT;
                """,
            PostgreSql: """
                CREATE TABLE sync_high_water_marks (
                    system TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    mark TEXT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (system, operation)
                );
                """),
        new Migration(2, "poll leases",
            Sqlite: """
                CREATE TABLE sync_poll_leases (
                    system TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    holder TEXT NOT NULL,
                    due_at INTEGER NOT NULL,
                    PRIMARY KEY (system, operation)
                ) STRICT;
                """,
            PostgreSql: """
                CREATE TABLE sync_poll_leases (
                    system TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    holder TEXT NOT NULL,
                    due_at BIGINT NOT NULL,
                    PRIMARY KEY (system, operation)
                );
                """),
    ];
}
