using System.Globalization;

namespace Switchboard.Demo.Erp.Orders;

/// <summary>
/// Sales orders in memory, behind one lock. Change times are epoch seconds and strictly increase
/// per order: two changes to one order in the same second get consecutive seconds, so a client
/// comparing changed_at always sees the later change as newer.
/// </summary>
internal sealed class OrderStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ErpOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, string OrderNo)> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _lastSequence;

    public OrderStore(TimeProvider time, IEnumerable<ErpOrder> seed)
    {
        _time = time;
        foreach (var order in seed)
        {
            _orders[order.OrderNo] = order;
            _lastSequence = Math.Max(_lastSequence, Sequence(order.OrderNo));
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _orders.Count;
            }
        }
    }

    public ErpOrder? Find(string orderNo)
    {
        lock (_lock)
        {
            return _orders.GetValueOrDefault(orderNo);
        }
    }

    public OrderCreateResult Create(OrderDraft draft, string? idempotencyKey, string fingerprint)
    {
        lock (_lock)
        {
            if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? new OrderCreateResult(_orders[earlier.OrderNo], Replayed: true, KeyReused: false)
                    : new OrderCreateResult(null, Replayed: false, KeyReused: true);
            }

            var now = _time.GetUtcNow();
            _lastSequence++;
            var orderNo = $"SO-{now.Year.ToString(CultureInfo.InvariantCulture)}-{_lastSequence.ToString("D5", CultureInfo.InvariantCulture)}";
            var seconds = now.ToUnixTimeSeconds();
            var order = new ErpOrder(orderNo, draft.CustomerNo, OrderStatusCodes.New, draft.Currency, draft.Lines, draft.Total, seconds, seconds);
            _orders[orderNo] = order;
            if (idempotencyKey is not null)
            {
                _byIdempotencyKey[idempotencyKey] = (fingerprint, orderNo);
            }

            return new OrderCreateResult(order, Replayed: false, KeyReused: false);
        }
    }

    /// <summary>Applies confirm, ship or cancel; the action must be one <see cref="OrderStatusCodes.Transition"/> knows.</summary>
    public OrderActionResult Apply(string orderNo, string action)
    {
        var (from, to) = OrderStatusCodes.Transition(action)
            ?? throw new ArgumentOutOfRangeException(nameof(action), action, "not an order action");
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderNo, out var order))
            {
                return new OrderActionResult(null, null);
            }

            if (!from.Contains(order.Status))
            {
                return new OrderActionResult(
                    order, $"order {orderNo} is {order.Status}; {action} is allowed from {string.Join(", ", from)} only");
            }

            var changed = order with
            {
                Status = to,
                ChangedAt = Math.Max(_time.GetUtcNow().ToUnixTimeSeconds(), order.ChangedAt + 1),
            };
            _orders[orderNo] = changed;
            return new OrderActionResult(changed, null);
        }
    }

    /// <summary>
    /// One page of orders. With <paramref name="changedSince"/>: changed at or after it, oldest
    /// change first (inclusive, because the ERP's clock has whole seconds). Without: newest order first.
    /// </summary>
    public (IReadOnlyList<ErpOrder> Orders, OrderCursor? Next) Query(string? customerNo, long? changedSince, OrderCursor? after, int limit)
    {
        lock (_lock)
        {
            var matching = _orders.Values.Where(o => customerNo is null || o.CustomerNo == customerNo);
            List<ErpOrder> ordered;
            if (changedSince is { } since)
            {
                ordered = matching
                    .Where(o => o.ChangedAt >= since)
                    .Where(o => after is null || o.ChangedAt > after.ChangedAt ||
                        (o.ChangedAt == after.ChangedAt && string.CompareOrdinal(o.OrderNo, after.OrderNo) > 0))
                    .OrderBy(o => o.ChangedAt)
                    .ThenBy(o => o.OrderNo, StringComparer.Ordinal)
                    .Take(limit + 1)
                    .ToList();
            }
            else
            {
                ordered = matching
                    .Where(o => after is null || string.CompareOrdinal(o.OrderNo, after.OrderNo) < 0)
                    .OrderByDescending(o => o.OrderNo, StringComparer.Ordinal)
                    .Take(limit + 1)
                    .ToList();
            }

            if (ordered.Count <= limit)
            {
                return (ordered, null);
            }

            var page = ordered.GetRange(0, limit);
            var last = page[^1];
            return (page, new OrderCursor(changedSince is null ? null : last.ChangedAt, last.OrderNo));
        }
    }

    private static int Sequence(string orderNo) =>
        int.Parse(orderNo.AsSpan(orderNo.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
}
