using System.Text.Json.Nodes;

namespace Switchboard.Delivery.Outbox;

/// <summary>A <c>delivery_outbox</c> (or dead-letter) row as Dapper reads it.</summary>
internal sealed class OutboxRow
{
    public const string Columns =
        "seq AS Seq, id AS Id, target AS Target, operation AS Operation, record_key AS RecordKey, idempotency_key AS IdempotencyKey, " +
        "source AS Source, arguments AS Arguments, occurred_at AS OccurredAt, enqueued_at AS EnqueuedAt";

    public long Seq { get; set; }
    public string Id { get; set; } = "";
    public string Target { get; set; } = "";
    public string Operation { get; set; } = "";
    public string RecordKey { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string Source { get; set; } = "";
    public string Arguments { get; set; } = "{}";
    public long OccurredAt { get; set; }
    public long EnqueuedAt { get; set; }

    public DeliveryMessage ToMessage() => new()
    {
        Id = Id,
        Target = Target,
        Operation = Operation,
        RecordKey = RecordKey,
        IdempotencyKey = IdempotencyKey,
        Source = Source,
        Arguments = JsonNode.Parse(Arguments) as JsonObject ?? [],
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAt),
        EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(EnqueuedAt),
    };

    public static object Parameters(DeliveryMessage m) => new
    {
        m.Id,
        m.Target,
        m.Operation,
        m.RecordKey,
        m.IdempotencyKey,
        m.Source,
        Arguments = m.Arguments.ToJsonString(),
        OccurredAt = m.OccurredAt.ToUnixTimeMilliseconds(),
        EnqueuedAt = m.EnqueuedAt.ToUnixTimeMilliseconds(),
    };
}
