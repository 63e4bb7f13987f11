using Switchboard.Storage.Migrations;

namespace Switchboard.ScreenPop.Remembered;

/// <summary>
/// The screen pop's own table: for a number several customers share, the one an agent picked last,
/// so the next call from it opens on that customer. Instants are Unix milliseconds.
/// </summary>
public sealed class ScreenPopSchema : IMigrationSource
{
    public string Module => "screenpop";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "remembered picks",
            Sqlite: """
                CREATE TABLE screen_pop_picks (
                    phone TEXT NOT NULL PRIMARY KEY,
                    candidate_key TEXT NOT NULL,
                    agent_id TEXT NULL,
                    call_id TEXT NULL,
                    picked_at INTEGER NOT NULL
                ) STRICT;
                """,
            PostgreSql: """
                CREATE TABLE screen_pop_picks (
                    phone TEXT NOT NULL PRIMARY KEY,
                    candidate_key TEXT NOT NULL,
                    agent_id TEXT NULL,
                    call_id TEXT NULL,
                    picked_at BIGINT NOT NULL
                );
                """),
    ];
}
