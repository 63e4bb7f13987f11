using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Orders;
using Switchboard.Core.Tickets;
using Switchboard.Storage.Locks;
using Switchboard.Storage.Stores;
using Switchboard.Sync.Changes;

namespace Switchboard.Sync;

/// <summary>
/// The one place inbound order and ticket changes reach the hub's records, whether they were polled, posted
/// by the system or taken from a queue. A change finds its record through the cross-reference index (kind,
/// system, external id) and is applied only when it is newer than the hub's copy, so a resend, a re-read
/// after a crash or a late older change is ignored (counted as a duplicate). A record the hub does not know
/// is created when its customer is known by the same system's customer id, and skipped otherwise. Each
/// applied change is then published to the agents.
/// </summary>
public sealed class ChangeApplier
{
    // Read, compare and write must not interleave for the same record, or an older change could overwrite a
    // newer one that was applied in between, or two could each create a record the hub did not know: each
    // change holds its record's lock, which on PostgreSQL also keeps out every other hub process.
    internal const string LockScope = "sync.change";
    private readonly RecordLocks _locks;
    private readonly OrderStore _orders;
    private readonly TicketStore _tickets;
    private readonly CrossReferenceStore _links;
    private readonly IReadOnlyList<IRecordChangePublisher> _publishers;
    private readonly IReadOnlyList<IReportedChangeObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<ChangeApplier> _logger;

    public ChangeApplier(OrderStore orders, TicketStore tickets, CrossReferenceStore links, RecordLocks locks,
        IEnumerable<IRecordChangePublisher> publishers, TimeProvider time, ILogger<ChangeApplier> logger,
        IEnumerable<IReportedChangeObserver>? observers = null)
    {
        _observers = [.. observers ?? []];
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        _tickets = tickets ?? throw new ArgumentNullException(nameof(tickets));
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _publishers = [.. publishers ?? throw new ArgumentNullException(nameof(publishers))];
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Applies the canonical records of <paramref name="system"/>'s change feed (fields <c>externalId</c>,
    /// <c>status</c>, <c>updatedAt</c>, and optionally <c>customerExternalId</c> or <c>customerId</c>, <c>number</c>,
    /// <c>createdAt</c>, <c>currency</c>, <c>subject</c>, <c>description</c>, <c>priority</c>), in order. A record
    /// that does not read as a change is logged, counted as invalid and passed over; the others are applied.
    /// </summary>
    /// <param name="kind"><see cref="EntityKind.Order"/> or <see cref="EntityKind.Ticket"/>.</param>
    public async Task<ChangeApplyResult> ApplyAsync(string system, EntityKind kind, IReadOnlyList<JsonObject> records, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentNullException.ThrowIfNull(records);
        var (changes, errors) = ChangeReader.Read(kind, records, _time.GetUtcNow());
        foreach (var error in errors)
        {
            SyncLog.InvalidRecord(_logger, system, ChangeReader.KindName(kind), error.ToString());
        }

        var result = await ApplyAsync(system, changes, ct);
        return result with { Invalid = records.Count - changes.Count };
    }

    /// <summary>Applies changes already read and checked (the webhook refuses a batch with any bad record first).</summary>
    internal async Task<ChangeApplyResult> ApplyAsync(string system, IReadOnlyList<InboundChange> changes, CancellationToken ct)
    {
        var published = new List<RecordChange>();
        int applied = 0, created = 0, duplicates = 0, skipped = 0;
        foreach (var change in changes)
        {
            Outcome outcome;
            await using (await _locks.HoldAsync(LockScope, LockKey(change.Kind, system, change.ExternalId), ct))
            {
                outcome = change.Kind == EntityKind.Order ? await ApplyOrderAsync(system, change, ct) : await ApplyTicketAsync(system, change, ct);
            }

            switch (outcome.Kind)
            {
                case OutcomeKind.Duplicate:
                    duplicates++;
                    continue;
                case OutcomeKind.Skipped:
                    skipped++;
                    SyncLog.UnknownRecordSkipped(_logger, system, ChangeReader.KindName(change.Kind), change.ExternalId, change.CustomerExternalId);
                    await ObserveAsync(system, change, ct);
                    continue;
                case OutcomeKind.Created:
                    created++;
                    break;
                default:
                    applied++;
                    break;
            }

            var record = outcome.Change!;
            SyncLog.Applied(_logger, system, record.Kind, record.ExternalId, record.Status, record.HubId, outcome.Kind == OutcomeKind.Created);
            published.Add(record);
            await PublishAsync(record, ct);
            await ObserveAsync(system, change, ct);
        }

        return new ChangeApplyResult { Applied = applied, Created = created, Duplicates = duplicates, Skipped = skipped, Changes = published };
    }

    /// <summary>The record a change is about, as the key of its lock across hub processes.</summary>
    internal static string LockKey(EntityKind kind, string system, string externalId) => $"{kind}/{system}/{externalId}";

    private async Task<Outcome> ApplyOrderAsync(string system, InboundChange change, CancellationToken ct)
    {
        var link = await _links.FindAsync(EntityKind.Order, system, change.ExternalId, ct);
        var order = link is null ? null : await _orders.GetAsync(link.HubId, ct);
        var status = Enum.Parse<OrderStatus>(change.Status);
        if (order is not null)
        {
            if (change.UpdatedAt <= order.UpdatedAt)
            {
                SyncLog.Duplicate(_logger, system, "order", change.ExternalId, change.UpdatedAt, order.UpdatedAt);
                return Outcome.Duplicate;
            }

            order = order with
            {
                Status = status,
                Number = change.Number ?? order.Number,
                UpdatedAt = change.UpdatedAt,
                CrossReferences = [Seen(EntityKind.Order, order.Id, system, change)],
            };
            await _orders.UpsertAsync(order, ct);
            return Outcome.Of(OutcomeKind.Applied, Describe(order.CustomerId, order.Id, order.Number, system, change));
        }

        if (await CustomerAsync(system, change, ct) is not { } customerId)
        {
            return Outcome.Skipped;
        }

        // A link left without its record (the record was removed) is reused, so the id stays stable.
        var id = link?.HubId ?? HubIds.New();
        await _orders.UpsertAsync(new Order
        {
            Id = id,
            CustomerId = customerId,
            Number = change.Number,
            Status = status,
            Currency = change.Currency ?? "USD",
            CrossReferences = [Seen(EntityKind.Order, id, system, change)],
            CreatedAt = change.CreatedAt ?? change.UpdatedAt,
            UpdatedAt = change.UpdatedAt,
        }, ct);
        return Outcome.Of(OutcomeKind.Created, Describe(customerId, id, change.Number, system, change));
    }

    private async Task<Outcome> ApplyTicketAsync(string system, InboundChange change, CancellationToken ct)
    {
        var link = await _links.FindAsync(EntityKind.Ticket, system, change.ExternalId, ct);
        var ticket = link is null ? null : await _tickets.GetAsync(link.HubId, ct);
        var status = Enum.Parse<TicketStatus>(change.Status);
        if (ticket is not null)
        {
            if (change.UpdatedAt <= ticket.UpdatedAt)
            {
                SyncLog.Duplicate(_logger, system, "ticket", change.ExternalId, change.UpdatedAt, ticket.UpdatedAt);
                return Outcome.Duplicate;
            }

            ticket = ticket with
            {
                Status = status,
                Number = change.Number ?? ticket.Number,
                Subject = change.Subject ?? ticket.Subject,
                Description = change.Description ?? ticket.Description,
                Priority = change.Priority is { } priority ? Enum.Parse<TicketPriority>(priority) : ticket.Priority,
                UpdatedAt = change.UpdatedAt,
                CrossReferences = [Seen(EntityKind.Ticket, ticket.Id, system, change)],
            };
            await _tickets.UpsertAsync(ticket, ct);
            return Outcome.Of(OutcomeKind.Applied, Describe(ticket.CustomerId, ticket.Id, ticket.Number, system, change));
        }

        if (await CustomerAsync(system, change, ct) is not { } customerId)
        {
            return Outcome.Skipped;
        }

        var id = link?.HubId ?? HubIds.New();
        await _tickets.UpsertAsync(new Ticket
        {
            Id = id,
            CustomerId = customerId,
            Number = change.Number,
            // A ticket needs a subject; a change feed may carry only the status.
            Subject = change.Subject ?? $"{system} ticket {change.Number ?? change.ExternalId}",
            Description = change.Description,
            Status = status,
            Priority = change.Priority is { } p ? Enum.Parse<TicketPriority>(p) : TicketPriority.Normal,
            CrossReferences = [Seen(EntityKind.Ticket, id, system, change)],
            CreatedAt = change.CreatedAt ?? change.UpdatedAt,
            UpdatedAt = change.UpdatedAt,
        }, ct);
        return Outcome.Of(OutcomeKind.Created, Describe(customerId, id, change.Number, system, change));
    }

    private async Task<string?> CustomerAsync(string system, InboundChange change, CancellationToken ct) =>
        change.CustomerExternalId is { } customer && await _links.FindAsync(EntityKind.Customer, system, customer, ct) is { } link
            ? link.HubId
            : null;

    /// <summary>The link to the system's copy, with that copy's modification time as the version last seen.</summary>
    private CrossReference Seen(EntityKind kind, string hubId, string system, InboundChange change) =>
        new(kind, hubId, system, change.ExternalId, change.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), _time.GetUtcNow());

    private static RecordChange Describe(string customerId, string hubId, string? number, string system, InboundChange change) =>
        new(customerId, ChangeReader.KindName(change.Kind), hubId, system, change.ExternalId, number, ChangeReader.Camel(change.Status), change.UpdatedAt);

    private async Task ObserveAsync(string system, InboundChange change, CancellationToken ct)
    {
        var kind = ChangeReader.KindName(change.Kind);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.ReportedAsync(system, kind, change.ExternalId, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                SyncLog.ObserverFailed(_logger, ex, system, kind, change.ExternalId);
            }
        }
    }

    private async Task PublishAsync(RecordChange change, CancellationToken ct)
    {
        foreach (var publisher in _publishers)
        {
            try
            {
                await publisher.PublishAsync(change, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The change is stored; an agent who missed the push sees it at the next pop.
                SyncLog.PublishFailed(_logger, ex, change.Kind, change.HubId);
            }
        }
    }

    private enum OutcomeKind
    {
        Applied,
        Created,
        Duplicate,
        Skipped,
    }

    private sealed record Outcome(OutcomeKind Kind, RecordChange? Change)
    {
        public static readonly Outcome Duplicate = new(OutcomeKind.Duplicate, null);
        public static readonly Outcome Skipped = new(OutcomeKind.Skipped, null);

        public static Outcome Of(OutcomeKind kind, RecordChange change) => new(kind, change);
    }
}
