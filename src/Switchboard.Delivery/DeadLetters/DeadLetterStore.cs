using System.Data.Common;
using Dapper;
using Switchboard.Delivery.Outbox;
using Switchboard.Storage;

namespace Switchboard.Delivery.DeadLetters;

/// <summary>
/// The dead letters (<c>delivery_dead_letters</c>) and the audit trail of what operators did with them
/// (<c>delivery_actions</c>). Lists page newest failure first. Replay and discard claim their rows with
/// <c>DELETE … RETURNING</c> inside one transaction, so two operators acting at once never replay or audit the same
/// dead letter twice, and a dead letter added meanwhile is not touched unless it was read.
/// </summary>
public sealed class DeadLetterStore(IStorageProvider storage, DeliverySignal signal, TimeProvider clock)
{
    /// <summary>The largest page <see cref="ListAsync"/> and <see cref="ActionsAsync"/> return.</summary>
    public const int MaxLimit = 500;

    /// <summary>Keeps <paramref name="message"/> as a dead letter. A second call for the same message id changes nothing (a redelivered copy).</summary>
    public async Task AddAsync(DeliveryMessage message, string reason, IReadOnlyList<DeliveryAttempt> attempts, DateTimeOffset failedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(attempts);
        var parameters = new DynamicParameters(OutboxRow.Parameters(message));
        parameters.Add("FailedAt", failedAt.ToUnixTimeMilliseconds());
        parameters.Add("Reason", reason);
        parameters.Add("Attempts", DeadLetterSql.AttemptsJson(attempts));
        await using var connection = await storage.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeadLetterSql.Insert, parameters, cancellationToken: ct));
    }

    /// <summary>
    /// The dead letters <paramref name="filter"/> selects (an empty filter selects all), newest failure first (ties by
    /// id, descending). <paramref name="after"/> is the previous page's <see cref="DeadLetterPage.Next"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not 1 to <see cref="MaxLimit"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="after"/> is not a cursor this method returned.</exception>
    public async Task<DeadLetterPage> ListAsync(DeadLetterFilter filter, int limit, string? after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        DeadLetterCursor? cursor = null;
        if (after is not null)
        {
            cursor = DeadLetterCursor.TryParse(after, out var parsed)
                ? parsed
                : throw new ArgumentException($"'{after}' is not a dead-letter cursor.", nameof(after));
        }

        var parameters = new DynamicParameters();
        var where = DeadLetterSql.Where(filter, parameters, cursor);
        // One more than asked: when it comes back, there is a next page.
        parameters.Add("limit", limit + 1);
        var items = await QueryAsync(
            $"SELECT {DeadLetterSql.Columns} FROM delivery_dead_letters {where} ORDER BY failed_at DESC, id DESC LIMIT @limit", parameters, ct);
        return items.Count > limit
            ? new DeadLetterPage(items[..limit], DeadLetterCursor.After(items[limit - 1]).ToString())
            : new DeadLetterPage(items, null);
    }

    /// <summary>How many dead letters <paramref name="filter"/> selects (an empty filter counts all).</summary>
    public async Task<long> CountAsync(DeadLetterFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters();
        var where = DeadLetterSql.Where(filter, parameters);
        await using var connection = await storage.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM delivery_dead_letters {where}", parameters, cancellationToken: ct));
    }

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parameters = new DynamicParameters();
        parameters.Add("id", id);
        var items = await QueryAsync($"SELECT {DeadLetterSql.Columns} FROM delivery_dead_letters WHERE id = @id", parameters, ct);
        return items.Count == 0 ? null : items[0];
    }

    /// <summary>
    /// Moves the selected dead letters back into <c>delivery_outbox</c> (same id, same idempotency key, enqueued now,
    /// in their original enqueue order), deletes them and records one <c>replay</c> action each, all in one
    /// transaction; then wakes each target's delivery. A target that already confirmed the key does not get it again.
    /// </summary>
    /// <returns>How many dead letters were replayed.</returns>
    /// <exception cref="ArgumentException"><paramref name="filter"/> is empty: say which dead letters.</exception>
    public async Task<int> ReplayAsync(DeadLetterFilter filter, string actor, CancellationToken ct)
    {
        var replayed = await ClaimAsync(filter, actor, DeliveryAction.Replay, async (connection, transaction, letters, now) =>
        {
            var messages = InEnqueueOrder(letters).Select(l => l.Message with { EnqueuedAt = now });
            await Outbox.Outbox.AddAsync(connection, transaction, messages, ct);
        }, ct);

        foreach (var target in replayed.Select(l => l.Message.Target).Distinct(StringComparer.Ordinal))
        {
            signal.Notify(target);
        }

        return replayed.Count;
    }

    /// <summary>Deletes the selected dead letters for good and records one <c>discard</c> action each, in one transaction.</summary>
    /// <returns>How many dead letters were discarded.</returns>
    /// <exception cref="ArgumentException"><paramref name="filter"/> is empty: say which dead letters.</exception>
    public async Task<int> DiscardAsync(DeadLetterFilter filter, string actor, CancellationToken ct) =>
        (await ClaimAsync(filter, actor, DeliveryAction.Discard, static (_, _, _, _) => Task.CompletedTask, ct)).Count;

    /// <summary>The audit trail, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryAction>> ActionsAsync(int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        await using var connection = await storage.OpenAsync(ct);
        var rows = await connection.QueryAsync<DeadLetterSql.ActionRow>(new CommandDefinition(
            $"SELECT {DeadLetterSql.ActionColumns} FROM delivery_actions ORDER BY seq DESC LIMIT @limit", new { limit }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToAction())];
    }

    /// <summary>Deletes what the filter selects, lets <paramref name="andThen"/> write in the same transaction, audits each, commits.</summary>
    private async Task<IReadOnlyList<DeadLetter>> ClaimAsync(
        DeadLetterFilter filter,
        string actor,
        string action,
        Func<DbConnection, DbTransaction, IReadOnlyList<DeadLetter>, DateTimeOffset, Task> andThen,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (filter.IsEmpty)
        {
            // Message only, so callers (API, CLI) can show it as it is.
#pragma warning disable CA2208 // The message is the whole point; the parameter name would be appended to it.
            throw new ArgumentException(DeadLetterFilter.EmptyMessage);
#pragma warning restore CA2208
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var parameters = new DynamicParameters();
        var where = DeadLetterSql.Where(filter, parameters);
        await using var connection = await storage.OpenAsync(ct);
        // On SQLite this begins IMMEDIATE (the write lock first), so the claim never fails on a stale snapshot.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claimed = (await connection.QueryAsync<OutboxRow, DeadLetterSql.FailureColumns, DeadLetter>(
                new CommandDefinition($"DELETE FROM delivery_dead_letters {where} RETURNING {DeadLetterSql.Columns}", parameters, transaction, cancellationToken: ct),
                DeadLetterSql.ToDeadLetter,
                DeadLetterSql.SplitOn))
            .AsList();
        if (claimed.Count == 0)
        {
            return [];
        }

        await andThen(connection, transaction, claimed, now);
        var audit = InEnqueueOrder(claimed).Select(l => new
            {
                At = now.ToUnixTimeMilliseconds(),
                Actor = actor,
                Action = action,
                MessageId = l.Message.Id,
                l.Message.Target,
                Detail = l.Reason,
            });
        await connection.ExecuteAsync(new CommandDefinition(DeadLetterSql.InsertAction, audit, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>The order the messages first entered the outbox (hub ids are version 7 GUIDs, so they break ties by creation).</summary>
    private static IEnumerable<DeadLetter> InEnqueueOrder(IEnumerable<DeadLetter> letters) =>
        letters.OrderBy(l => l.Message.EnqueuedAt).ThenBy(l => l.Message.Id, StringComparer.Ordinal);

    private async Task<List<DeadLetter>> QueryAsync(string sql, DynamicParameters parameters, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var items = await connection.QueryAsync<OutboxRow, DeadLetterSql.FailureColumns, DeadLetter>(
            new CommandDefinition(sql, parameters, cancellationToken: ct), DeadLetterSql.ToDeadLetter, DeadLetterSql.SplitOn);
        return items.AsList();
    }
}
