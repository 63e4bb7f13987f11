using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Switchboard.Delivery.Dispatch;
using Switchboard.Delivery.Outbox;
using Switchboard.Storage;
using Switchboard.Storage.Locks;

namespace Switchboard.Delivery.Transport.Embedded;

/// <summary>
/// The embedded default: the outbox table is the queue. A target's consumer reads its rows in <c>seq</c> order,
/// leases each once, and deletes a row when the dispatcher settles it (with its confirmed key, in one transaction; settlements are grouped into few transactions).
/// Idle, it sleeps on <see cref="DeliverySignal"/>, which the writer of a row notifies right after its commit, so a
/// message starts on its way at once; it also looks every <see cref="EmbeddedTransportOptions.IdleLook"/> for rows
/// another process wrote (a CLI replay). While rows are leased, a read starts after the highest of them, so leased
/// rows are not read again; on PostgreSQL, where a lower seq can commit after a higher one, a consumer that found
/// nothing new reads once from the head before it sleeps.
/// </summary>
/// <remarks>
/// With several hub processes on one PostgreSQL database, one of them consumes each target at a time (it holds the
/// target's advisory lock while it consumes; the others try again every <see cref="EmbeddedTransportOptions.IdleLook"/>
/// and one takes over when it stops), so a record's messages keep their order and none is sent by two processes.
/// Rows left by a previous run, or by the process that consumed the target before, are leased with
/// <see cref="DeliveryLease.Redelivered"/> set, since it may have sent them before it stopped.
/// </remarks>
public sealed class EmbeddedTransport(IStorageProvider storage, DeliverySignal signal, EmbeddedTransportOptions? options = null) : IDeliveryTransport
{
    private const string ConsumerScope = "delivery.embedded.consumer";
    private readonly EmbeddedTransportOptions _options = options ?? new EmbeddedTransportOptions();
    private readonly RecordLocks _locks = new(storage);
    private GroupCommit<Settlement>? _settlements;
    private long _startSeq;

    public string Name => "embedded";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _startSeq = await MaxSeqAsync(cancellationToken);
        _settlements = new GroupCommit<Settlement>(storage, SettleRowsAsync);
    }

    private async Task<long> MaxSeqAsync(CancellationToken cancellationToken)
    {
        await using var connection = await storage.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM delivery_outbox", cancellationToken: cancellationToken)) ?? 0;
    }

    public async IAsyncEnumerable<DeliveryLease> ConsumeAsync(string target, int window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settlements = _settlements ?? throw new InvalidOperationException("StartAsync must be called before ConsumeAsync.");
        await using var only = await _locks.HoldAgainstOtherProcessesAsync(ConsumerScope, target, _options.IdleLook, cancellationToken);
        // Taking over from another process: whatever is queued now, it may have sent.
        var startSeq = storage.Kind == StorageProviderKind.PostgreSql ? await MaxSeqAsync(cancellationToken) : _startSeq;
        using var slots = new SemaphoreSlim(window, window);
        var leased = new ConcurrentDictionary<long, byte>();
        // Rows settled (deleted) since the read before the last one began: a read that started before a delete
        // committed may still return its row, which must not be leased again (a dead letter would be sent twice).
        var settled = new ConcurrentDictionary<long, byte>();
        bool Taken(long seq) => leased.ContainsKey(seq) || settled.ContainsKey(seq);
        // Rows from the head first (rows left by a previous run) and whenever nothing is leased; otherwise after the
        // highest seq leased, instead of reading every leased row again. Not after the highest seq ever read: SQLite
        // gives a new row the highest seq in the table plus one, so once the newest rows are settled (deleted) their
        // seqs are handed out again. A leased row is still in the table, so new rows come after the highest leased.
        var fromHead = true;
        var lateCommits = storage.Kind == StorageProviderKind.PostgreSql;
        var lastHeadRead = TimeProvider.System.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var settledBeforeRead = settled.Keys.ToArray();
            // PostgreSQL under steady load: a row that committed late below the leased ones waits at most IdleLook.
            fromHead |= lateCommits && TimeProvider.System.GetElapsedTime(lastHeadRead) >= _options.IdleLook;
            // Seqs start at 1 (SQLite's rowid, PostgreSQL's identity): after 0 is from the head.
            var after = fromHead || leased.IsEmpty ? 0L : leased.Keys.Max();
            if (after == 0)
            {
                lastHeadRead = TimeProvider.System.GetTimestamp();
            }

            IReadOnlyList<OutboxRow> rows;
            await using (var connection = await storage.OpenAsync(cancellationToken))
            {
                // From the head the leased rows come back too (and are skipped), so the read takes that many more.
                rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                    $"SELECT {OutboxRow.Columns} FROM delivery_outbox WHERE target = @target AND seq > @after ORDER BY seq LIMIT @limit",
                    new { target, after, limit = after == 0 ? window + leased.Count : window }, cancellationToken: cancellationToken))).AsList();
            }

            // This read began after those deletes committed, so it did not return their rows; later reads will not either.
            foreach (var seq in settledBeforeRead)
            {
                settled.TryRemove(seq, out _);
            }

            var fresh = 0;
            foreach (var row in rows)
            {
                if (Taken(row.Seq))
                {
                    continue;
                }

                await slots.WaitAsync(cancellationToken);
                // Waiting for a slot, the row may have been leased and settled by an earlier read's lease.
                if (Taken(row.Seq))
                {
                    slots.Release();
                    continue;
                }

                leased[row.Seq] = 0;
                fresh++;
                yield return new EmbeddedLease(row.ToMessage(), row.Seq <= startSeq, async confirmed =>
                {
                    await settlements.AddAsync(new Settlement(row.Seq, confirmed));
                    // Marked settled before it stops being leased, so Taken never sees it as neither.
                    settled[row.Seq] = 0;
                    leased.TryRemove(row.Seq, out _);
                    slots.Release();
                });
            }

            fromHead = false;
            if (fresh == 0)
            {
                if (after > 0 && lateCommits)
                {
                    // PostgreSQL hands out seqs before commit, so concurrent writers can commit a lower seq after a
                    // higher one was read: before sleeping, one read from the head finds such a row.
                    fromHead = true;
                    continue;
                }

                // Everything queued is leased (or nothing is queued): sleep until a commit or a settle makes room.
                await signal.WaitAsync(target, _options.IdleLook, cancellationToken);
            }
        }
    }

    public async Task<long> CountPendingAsync(string target, CancellationToken cancellationToken)
    {
        await using var connection = await storage.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM delivery_outbox WHERE target = @target", new { target }, cancellationToken: cancellationToken));
    }

    private static async Task SettleRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Settlement> settlements, CancellationToken ct)
    {
        await ConfirmedKeys.InsertAsync(connection, transaction, settlements.Where(s => s.Confirmed is not null).Select(s => s.Confirmed!.Value), ct);
        foreach (var chunk in settlements.Select(s => s.Seq).Chunk(500))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM delivery_outbox WHERE seq IN (" + string.Join(',', chunk) + ")", transaction: transaction, cancellationToken: ct));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_settlements is not null)
        {
            await _settlements.DisposeAsync();
        }
    }

    /// <summary>A row to delete and, when the target confirmed it, the key to record in the same transaction.</summary>
    private readonly record struct Settlement(long Seq, (string Target, string Key, string MessageId, long At)? Confirmed);

    private sealed class EmbeddedLease(
        DeliveryMessage message, bool redelivered, Func<(string Target, string Key, string MessageId, long At)?, Task> settle) : DeliveryLease(message, redelivered)
    {
        private int _settled;

        public override async ValueTask SettleAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                await settle(null);
            }
        }

        /// <summary>The confirmed key and the row's deletion commit together: a crash leaves both or neither.</summary>
        public override async ValueTask ConfirmAsync(ConfirmedKeys keys, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(keys);
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                await settle(keys.RowOf(Message));
            }
        }
    }
}
