using Switchboard.Storage.Migrations;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// The delivery module's tables. Instants are Unix milliseconds.
/// <list type="bullet">
/// <item><c>delivery_outbox</c>: messages written with the change that caused them. The embedded transport delivers
/// straight from it; the RabbitMQ transport relays it to the broker and deletes what the broker confirmed.</item>
/// <item><c>delivery_dead_letters</c>: messages the retry policy gave up on, with every attempt's error and timing.</item>
/// <item><c>delivery_confirmed</c>: idempotency keys of messages the target confirmed, so a redelivered copy is not sent again.</item>
/// <item><c>delivery_actions</c>: who replayed or discarded which dead letters, and when.</item>
/// </list>
/// </summary>
public sealed class DeliverySchema : IMigrationSource
{
    public string Module => "delivery";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new Migration(1, "outbox, dead letters, confirmed keys, operator actions",
            Sqlite: """
                CREATE TABLE delivery_outbox (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    target TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    record_key TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    source TEXT NOT NULL,
                    arguments TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    enqueued_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX ix_delivery_outbox_target ON delivery_outbox (target, seq);
                CREATE TABLE delivery_dead_letters (
                    id TEXT NOT NULL PRIMARY KEY,
                    target TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    record_key TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    source TEXT NOT NULL,
                    arguments TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    enqueued_at INTEGER NOT NULL,
                    failed_at INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    attempts TEXT NOT NULL
                ) STRICT;
                CREATE INDEX ix_delivery_dead_letters_target ON delivery_dead_letters (target, failed_at);
                CREATE TABLE delivery_confirmed (
                    target TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    confirmed_at INTEGER NOT NULL,
                    PRIMARY KEY (target, idempotency_key)
                ) STRICT;
                CREATE INDEX ix_delivery_confirmed_at ON delivery_confirmed (confirmed_at);
                CREATE TABLE delivery_actions (
                    seq INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NULL
                ) STRICT;
                """,
            PostgreSql: """
                CREATE TABLE delivery_outbox (
                    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    target TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    record_key TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    source TEXT NOT NULL,
                    arguments TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    enqueued_at BIGINT NOT NULL
                );
                CREATE INDEX ix_delivery_outbox_target ON delivery_outbox (target, seq);
                CREATE TABLE delivery_dead_letters (
                    id TEXT NOT NULL PRIMARY KEY,
                    target TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    record_key TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    source TEXT NOT NULL,
                    arguments TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    enqueued_at BIGINT NOT NULL,
                    failed_at BIGINT NOT NULL,
                    reason TEXT NOT NULL,
                    attempts TEXT NOT NULL
                );
                CREATE INDEX ix_delivery_dead_letters_target ON delivery_dead_letters (target, failed_at);
                CREATE TABLE delivery_confirmed (
                    target TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    confirmed_at BIGINT NOT NULL,
                    PRIMARY KEY (target, idempotency_key)
                );
                CREATE INDEX ix_delivery_confirmed_at ON delivery_confirmed (confirmed_at);
                CREATE TABLE delivery_actions (
                    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at BIGINT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NULL
                );
                """),
    ];
}
