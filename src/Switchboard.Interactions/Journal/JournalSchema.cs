using Switchboard.Storage.Migrations;

namespace Switchboard.Interactions.Journal;

/// <summary>
/// The event journal: every accepted contact-center event, once (unique event id), in arrival order
/// (<c>seq</c>). <c>applied</c> marks what the assembler has folded into interactions and agent state,
/// so a restart resumes where it stopped.
/// </summary>
public sealed class JournalSchema : IMigrationSource
{
    public string Module => "interactions";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "event journal",
            Sqlite: """
                CREATE TABLE inbound_events (
                    seq INTEGER PRIMARY KEY,
                    event_id TEXT NOT NULL UNIQUE,
                    call_id TEXT NULL,
                    agent_id TEXT NULL,
                    type TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    payload TEXT NOT NULL,
                    applied INTEGER NOT NULL DEFAULT 0
                ) STRICT;
                CREATE INDEX ix_inbound_events_pending ON inbound_events (seq) WHERE applied = 0;
                """,
            PostgreSql: """
                CREATE TABLE inbound_events (
                    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    event_id TEXT NOT NULL UNIQUE,
                    call_id TEXT NULL,
                    agent_id TEXT NULL,
                    type TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    received_at BIGINT NOT NULL,
                    payload TEXT NOT NULL,
                    applied INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX ix_inbound_events_pending ON inbound_events (seq) WHERE applied = 0;
                """),
    ];
}
