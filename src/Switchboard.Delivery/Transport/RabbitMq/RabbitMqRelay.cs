using Dapper;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchboard.Delivery.Outbox;
using Switchboard.Storage;

namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>
/// Moves <c>delivery_outbox</c> to the broker: reads rows in <c>seq</c> order, publishes them persistent and mandatory
/// on one confirming channel (so the broker keeps their order within a target's queue), and deletes, in one transaction,
/// the rows the broker confirmed. A refused or unconfirmed row stays and is published again on the next round.
/// </summary>
/// <remarks>
/// At least once, by design: a crash (or a lost connection) between the broker's confirm and the delete publishes those
/// rows again after restart, and the consumer sees two copies. The dispatcher drops the copy whose idempotency key is
/// already confirmed, so the target still sees one write.
/// Rows are deleted by their exact <c>seq</c>, never by range, and every round reads from the start of the table: on
/// PostgreSQL a transaction holding a lower <c>seq</c> can commit after a higher one was relayed, and is then picked up
/// on the next round instead of being skipped.
/// </remarks>
internal sealed class RabbitMqRelay(
    IConnection connection,
    RabbitMqTopology topology,
    IStorageProvider storage,
    DeliverySignal signal,
    TimeProvider clock,
    RabbitMqTransportOptions options,
    ILogger logger)
{
    private const string Select = $"SELECT {OutboxRow.Columns} FROM delivery_outbox ORDER BY seq LIMIT @Limit";
    // Dapper expands a list into (@Seqs1, @Seqs2, ...) on SQLite but sends one array parameter to Npgsql.
    private const string DeleteSqlite = "DELETE FROM delivery_outbox WHERE seq IN @Seqs";
    private const string DeletePostgreSql = "DELETE FROM delivery_outbox WHERE seq = ANY(@Seqs)";
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    private IChannel? _channel;

    /// <summary>Runs until <paramref name="ct"/> is cancelled; failures are retried with backoff, never thrown.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        var backoff = FirstBackoff;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int read;
                try
                {
                    read = await RelayOnceAsync(ct);
                    if (failures > 0)
                    {
                        logger.RelayRecovered(failures);
                        failures = 0;
                        backoff = FirstBackoff;
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    failures++;
                    var reason = Describe(ex);
                    if (failures == 1)
                    {
                        logger.RelayFailing(reason, ex);
                    }
                    else
                    {
                        logger.RelayStillFailing(failures, backoff.TotalMilliseconds, reason);
                    }

                    await DropChannelAsync();
                    await Task.Delay(backoff, clock, ct);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                    continue;
                }

                if (read < options.RelayBatch)
                {
                    // Caught up: sleep until a commit in this process signals, or look again for other processes' rows.
                    await signal.WaitAsync(DeliverySignal.AnyTarget, options.IdleLook, ct);
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping: whatever was in flight is published again on the next start.
        }
        finally
        {
            await DropChannelAsync();
        }
    }

    /// <summary>One round: returns how many rows it read (a full batch means: look again at once).</summary>
    private async Task<int> RelayOnceAsync(CancellationToken ct)
    {
        List<OutboxRow> rows;
        await using (var db = await storage.OpenAsync(ct))
        {
            rows = (await db.QueryAsync<OutboxRow>(new CommandDefinition(Select, new { Limit = options.RelayBatch }, cancellationToken: ct))).AsList();
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        foreach (var target in rows.Select(r => r.Target).Distinct(StringComparer.Ordinal))
        {
            await topology.EnsureQueueAsync(target, ct);
        }

        var channel = _channel ??= await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                // No throttling: it delays a publish, and a delayed publish could overtake the next one. A round is bounded by RelayBatch.
                outstandingPublisherConfirmationsRateLimiter: null),
            ct);

        // Started in seq order on one channel: the client sends them in call order, the broker confirms each.
        var publishes = new Task[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var properties = new BasicProperties
            {
                DeliveryMode = DeliveryModes.Persistent,
                MessageId = row.Id,
                ContentType = RabbitMqMessageCodec.ContentType,
            };
            publishes[i] = channel.BasicPublishAsync(topology.Exchange, row.Target, mandatory: true, properties, RabbitMqMessageCodec.Encode(row), ct).AsTask();
        }

        // Only the rows before the first failure are deleted: what follows is kept (and may reach the queue twice).
        var confirmed = rows.Count;
        Exception? failure = null;
        for (var i = 0; i < publishes.Length; i++)
        {
            try
            {
                await publishes[i];
            }
            catch (Exception ex) when (i < confirmed && !ct.IsCancellationRequested)
            {
                confirmed = i;
                failure = ex;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // A later failure after the first one: observed, and its row is kept anyway.
            }
        }

        if (confirmed > 0)
        {
            await using var db = await storage.OpenAsync(ct);
            await using var transaction = await db.BeginTransactionAsync(ct);
            var delete = storage.Kind == StorageProviderKind.PostgreSql ? DeletePostgreSql : DeleteSqlite;
            await db.ExecuteAsync(new CommandDefinition(delete, new { Seqs = rows.Take(confirmed).Select(r => r.Seq).ToArray() }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            logger.Relayed(confirmed);
        }

        if (failure is not null)
        {
            var refused = rows[confirmed];
            if (failure is PublishException publish)
            {
                // Unroutable means the queue is gone (deleted by an operator): declare it again before the next try.
                topology.Forget(refused.Target);
                logger.Refused(refused.Id, refused.Target, publish.IsReturn ? "unroutable" : "nacked", rows.Count - confirmed);
            }

            throw new DeliveryTransportException($"the broker did not confirm message {refused.Id} for target '{refused.Target}': {Describe(failure)}", failure);
        }

        return rows.Count;
    }

    private async Task DropChannelAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            await RabbitMqTopology.CloseQuietlyAsync(channel);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        PublishException { IsReturn: true } => "unroutable (no queue bound for the target)",
        PublishException => "the broker nacked the message",
        AlreadyClosedException closed => $"the connection or channel is closed: {closed.ShutdownReason?.ReplyText ?? closed.Message}",
        DeliveryTransportException transport => transport.Message,
        _ => ex.Message,
    };
}
