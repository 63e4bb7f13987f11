using System.Data.Common;
using Dapper;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// Writes messages into <c>delivery_outbox</c> inside the caller's transaction, so the change and the messages it
/// causes commit together or not at all. After the commit the caller calls <see cref="DeliverySignal.Notify"/>
/// (or uses <see cref="EnqueueAsync"/>, which does both), so delivery starts at once instead of on the next poll.
/// </summary>
public sealed class Outbox(Storage.IStorageProvider storage, DeliverySignal signal, TimeProvider clock)
{
    private const string Insert =
        "INSERT INTO delivery_outbox (id, target, operation, record_key, idempotency_key, source, arguments, occurred_at, enqueued_at) " +
        "VALUES (@Id, @Target, @Operation, @RecordKey, @IdempotencyKey, @Source, @Arguments, @OccurredAt, @EnqueuedAt) ON CONFLICT (id) DO NOTHING";

    /// <summary>Adds the messages in <paramref name="transaction"/>; the caller commits, then calls <see cref="DeliverySignal.Notify"/>.</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, IEnumerable<DeliveryMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, OutboxRow.Parameters(message), transaction, cancellationToken: ct));
        }
    }

    /// <summary>Adds the messages in a transaction of their own, commits, and wakes delivery.</summary>
    public async Task EnqueueAsync(IReadOnlyList<DeliveryMessage> messages, CancellationToken ct)
    {
        await using (var connection = await storage.OpenAsync(ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await AddAsync(connection, transaction, messages, ct);
            await transaction.CommitAsync(ct);
        }

        Notify(messages);
    }

    /// <summary>
    /// Sends messages again on an operator's request (reconciliation found them missing at the target): forgets that
    /// their keys were confirmed (so the dispatcher does not drop them as duplicates), queues them, and records each
    /// as a <c>resend</c> action by <paramref name="actor"/>, in one transaction; then wakes delivery.
    /// </summary>
    public async Task ResendAsync(IReadOnlyList<DeliveryMessage> messages, string actor, string detail, CancellationToken ct)
    {
        await using (var connection = await storage.OpenAsync(ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var message in messages)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM delivery_confirmed WHERE target = @Target AND idempotency_key = @IdempotencyKey",
                    new { message.Target, message.IdempotencyKey }, transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(DeadLetters.DeadLetterSql.InsertAction,
                    new { At = at, Actor = actor, Action = DeadLetters.DeliveryAction.Resend, MessageId = message.Id, message.Target, Detail = detail }, transaction, cancellationToken: ct));
            }

            await AddAsync(connection, transaction, messages, ct);
            await transaction.CommitAsync(ct);
        }

        Notify(messages);
    }

    private void Notify(IEnumerable<DeliveryMessage> messages)
    {
        foreach (var target in messages.Select(m => m.Target).Distinct(StringComparer.Ordinal))
        {
            signal.Notify(target);
        }
    }
}
