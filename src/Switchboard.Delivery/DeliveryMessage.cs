using System.Text.Json.Nodes;

namespace Switchboard.Delivery;

/// <summary>
/// One write the hub owes another system: call <see cref="Operation"/> of <see cref="Target"/> with
/// <see cref="Arguments"/>. Written to the outbox in the same transaction as the change that caused it.
/// </summary>
public sealed record DeliveryMessage
{
    /// <summary>Unique; a hub id. A replayed dead letter keeps it.</summary>
    public required string Id { get; init; }

    /// <summary>The system it goes to (a configured system's name); each target has its own queue.</summary>
    public required string Target { get; init; }

    /// <summary>The target's operation, e.g. <c>interaction.log</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>
    /// What the message is about, e.g. <c>interaction:01J…</c>: messages with the same key reach the target in
    /// the order they were written; different keys go in parallel.
    /// </summary>
    public required string RecordKey { get; init; }

    /// <summary>
    /// Derived from what caused the message (e.g. <c>call-logging:{interactionId}</c>), never random: the same cause
    /// gives the same key, so the target and the hub both refuse a second delivery. Passed to the operation as the
    /// <c>idempotencyKey</c> argument.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Who wrote it: a flow's name, or <c>desktop</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The operation's arguments (the template's variables).</summary>
    public required JsonObject Arguments { get; init; }

    /// <summary>When the change that caused it happened: sync lag is measured from here to the target's confirmation.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When it was written to the outbox.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }
}
