namespace Switchboard.Storage.Schema;

/// <summary>The SQL of the core tables, one text per provider.</summary>
/// <remarks>
/// <para>Timestamps are BIGINT unix milliseconds (UTC) in both databases. SQLite has no time type,
/// and a PostgreSQL timestamptz would need different parameter types and SQL; an integer sorts,
/// compares and indexes the same way in both, so one SQL text serves both stores.
/// Milliseconds are what every contact center and business system we meet sends.</para>
/// <para>Money and quantities are exact decimals: NUMERIC in PostgreSQL, TEXT in SQLite. SQLite's
/// numeric affinity would turn 0.1 into a binary double; Microsoft.Data.Sqlite binds a
/// System.Decimal as invariant-culture text and parses it back exactly, so the same decimal
/// parameter and SQL text work for both. Integer minor units were rejected because quantities
/// (1.5 kg) and unit prices (0.125) need more than a currency's decimals. Sum them in C#, not in
/// SQL: SQLite would add the texts as doubles.</para>
/// <para>Ids are opaque strings; PostgreSQL compares them with the "C" collation so keyset
/// paging follows byte order like SQLite, not the server's language rules.</para>
/// <para>Orders, tickets and interactions do not reference customers by foreign key: records
/// arrive from different systems in any order. Parts of one record (contact points, order lines,
/// timeline events) do, and are deleted with it.</para>
/// </remarks>
internal static class CoreSchema
{
    public const string V1Sqlite = """
        CREATE TABLE customers (
            id TEXT NOT NULL PRIMARY KEY,
            display_name TEXT NOT NULL,
            first_name TEXT NULL,
            last_name TEXT NULL,
            company TEXT NULL,
            language TEXT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE contact_points (
            customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            label TEXT NULL,
            is_primary INTEGER NOT NULL,
            PRIMARY KEY (customer_id, ordinal)
        ) STRICT;
        CREATE INDEX ix_contact_points_value ON contact_points (kind, value);
        CREATE TABLE cross_references (
            kind TEXT NOT NULL,
            system TEXT NOT NULL,
            external_id TEXT NOT NULL,
            hub_id TEXT NOT NULL,
            version TEXT NULL,
            seen_at INTEGER NULL,
            PRIMARY KEY (kind, system, external_id)
        ) STRICT;
        CREATE UNIQUE INDEX ux_cross_references_hub ON cross_references (kind, hub_id, system);
        CREATE TABLE orders (
            id TEXT NOT NULL PRIMARY KEY,
            customer_id TEXT NOT NULL,
            number TEXT NULL,
            status TEXT NOT NULL,
            currency TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_orders_customer ON orders (customer_id, created_at);
        CREATE INDEX ix_orders_number ON orders (number);
        CREATE TABLE order_lines (
            order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            sku TEXT NOT NULL,
            description TEXT NOT NULL,
            quantity TEXT NOT NULL,
            unit_price TEXT NOT NULL,
            PRIMARY KEY (order_id, ordinal)
        ) STRICT;
        CREATE TABLE tickets (
            id TEXT NOT NULL PRIMARY KEY,
            customer_id TEXT NOT NULL,
            number TEXT NULL,
            subject TEXT NOT NULL,
            description TEXT NULL,
            status TEXT NOT NULL,
            priority TEXT NOT NULL,
            interaction_id TEXT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_tickets_customer ON tickets (customer_id, created_at);
        CREATE INDEX ix_tickets_number ON tickets (number);
        CREATE TABLE agents (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            extension TEXT NULL,
            queues TEXT NOT NULL,
            state TEXT NOT NULL,
            state_reason TEXT NULL,
            state_changed_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE interactions (
            id TEXT NOT NULL PRIMARY KEY,
            call_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            state TEXT NOT NULL,
            caller_number TEXT NULL,
            caller_number_raw TEXT NULL,
            called_number TEXT NULL,
            queue TEXT NULL,
            customer_id TEXT NULL,
            disposition TEXT NULL,
            notes TEXT NULL,
            recording_url TEXT NULL,
            started_at INTEGER NOT NULL,
            answered_at INTEGER NULL,
            ended_at INTEGER NULL,
            completed_at INTEGER NULL
        ) STRICT;
        CREATE INDEX ix_interactions_call ON interactions (call_id);
        CREATE INDEX ix_interactions_customer ON interactions (customer_id, started_at);
        CREATE INDEX ix_interactions_caller ON interactions (caller_number, started_at);
        CREATE TABLE interaction_agents (
            interaction_id TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
            agent_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            PRIMARY KEY (interaction_id, agent_id)
        ) STRICT;
        CREATE INDEX ix_interaction_agents_agent ON interaction_agents (agent_id);
        CREATE TABLE interaction_events (
            seq INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            interaction_id TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            agent_id TEXT NULL,
            source TEXT NULL,
            data TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_interaction_events_timeline ON interaction_events (interaction_id, occurred_at, received_at, seq);
        """;

    public const string V1PostgreSql = """
        CREATE TABLE customers (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            display_name TEXT NOT NULL,
            first_name TEXT NULL,
            last_name TEXT NULL,
            company TEXT NULL,
            language TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE contact_points (
            customer_id TEXT COLLATE "C" NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT COLLATE "C" NOT NULL,
            label TEXT NULL,
            is_primary BOOLEAN NOT NULL,
            PRIMARY KEY (customer_id, ordinal)
        );
        CREATE INDEX ix_contact_points_value ON contact_points (kind, value);
        CREATE TABLE cross_references (
            kind TEXT NOT NULL,
            system TEXT COLLATE "C" NOT NULL,
            external_id TEXT COLLATE "C" NOT NULL,
            hub_id TEXT COLLATE "C" NOT NULL,
            version TEXT NULL,
            seen_at BIGINT NULL,
            PRIMARY KEY (kind, system, external_id)
        );
        CREATE UNIQUE INDEX ux_cross_references_hub ON cross_references (kind, hub_id, system);
        CREATE TABLE orders (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            customer_id TEXT COLLATE "C" NOT NULL,
            number TEXT COLLATE "C" NULL,
            status TEXT NOT NULL,
            currency TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX ix_orders_customer ON orders (customer_id, created_at);
        CREATE INDEX ix_orders_number ON orders (number);
        CREATE TABLE order_lines (
            order_id TEXT COLLATE "C" NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            sku TEXT NOT NULL,
            description TEXT NOT NULL,
            quantity NUMERIC NOT NULL,
            unit_price NUMERIC NOT NULL,
            PRIMARY KEY (order_id, ordinal)
        );
        CREATE TABLE tickets (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            customer_id TEXT COLLATE "C" NOT NULL,
            number TEXT COLLATE "C" NULL,
            subject TEXT NOT NULL,
            description TEXT NULL,
            status TEXT NOT NULL,
            priority TEXT NOT NULL,
            interaction_id TEXT COLLATE "C" NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX ix_tickets_customer ON tickets (customer_id, created_at);
        CREATE INDEX ix_tickets_number ON tickets (number);
        CREATE TABLE agents (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            extension TEXT NULL,
            queues TEXT NOT NULL,
            state TEXT NOT NULL,
            state_reason TEXT NULL,
            state_changed_at BIGINT NOT NULL
        );
        CREATE TABLE interactions (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            call_id TEXT COLLATE "C" NOT NULL,
            direction TEXT NOT NULL,
            state TEXT NOT NULL,
            caller_number TEXT COLLATE "C" NULL,
            caller_number_raw TEXT NULL,
            called_number TEXT NULL,
            queue TEXT NULL,
            customer_id TEXT COLLATE "C" NULL,
            disposition TEXT NULL,
            notes TEXT NULL,
            recording_url TEXT NULL,
            started_at BIGINT NOT NULL,
            answered_at BIGINT NULL,
            ended_at BIGINT NULL,
            completed_at BIGINT NULL
        );
        CREATE INDEX ix_interactions_call ON interactions (call_id);
        CREATE INDEX ix_interactions_customer ON interactions (customer_id, started_at);
        CREATE INDEX ix_interactions_caller ON interactions (caller_number, started_at);
        CREATE TABLE interaction_agents (
            interaction_id TEXT COLLATE "C" NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
            agent_id TEXT COLLATE "C" NOT NULL,
            ordinal INTEGER NOT NULL,
            PRIMARY KEY (interaction_id, agent_id)
        );
        CREATE INDEX ix_interaction_agents_agent ON interaction_agents (agent_id);
        CREATE TABLE interaction_events (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id TEXT COLLATE "C" NOT NULL UNIQUE,
            interaction_id TEXT COLLATE "C" NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            occurred_at BIGINT NOT NULL,
            received_at BIGINT NOT NULL,
            agent_id TEXT NULL,
            source TEXT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX ix_interaction_events_timeline ON interaction_events (interaction_id, occurred_at, received_at, seq);
        """;

    /// <summary>
    /// The lists (a customer's or a number's calls, orders and tickets, latest first, ties broken by id) read in index
    /// order: with the id in the index, <c>ORDER BY started_at DESC, id DESC LIMIT n</c> reads n entries instead of
    /// every row of the customer or number and sorting them. A busy number (a company's switchboard line) has
    /// thousands of calls, and the screen pop reads its history on every call. One text serves both databases.
    /// </summary>
    public const string V2ListIndexes = """
        DROP INDEX ix_interactions_customer;
        DROP INDEX ix_interactions_caller;
        CREATE INDEX ix_interactions_customer ON interactions (customer_id, started_at, id);
        CREATE INDEX ix_interactions_caller ON interactions (caller_number, started_at, id);
        DROP INDEX ix_orders_customer;
        DROP INDEX ix_orders_number;
        CREATE INDEX ix_orders_customer ON orders (customer_id, created_at, id);
        CREATE INDEX ix_orders_number ON orders (number, updated_at, id);
        DROP INDEX ix_tickets_customer;
        DROP INDEX ix_tickets_number;
        CREATE INDEX ix_tickets_customer ON tickets (customer_id, created_at, id);
        CREATE INDEX ix_tickets_number ON tickets (number, updated_at, id);
        """;
}
