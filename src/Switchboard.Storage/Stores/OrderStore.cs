using System.Data.Common;
using Dapper;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Orders;

namespace Switchboard.Storage.Stores;

/// <summary>Orders with their lines and cross-references. Amounts are exact decimals.</summary>
public sealed class OrderStore(IStorageProvider provider)
{
    private const string Columns = """
        id AS Id, customer_id AS CustomerId, number AS Number, status AS Status, currency AS Currency,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const string UpsertSql = """
        INSERT INTO orders (id, customer_id, number, status, currency, created_at, updated_at)
        VALUES (@id, @customerId, @number, @status, @currency, @createdAt, @updatedAt)
        ON CONFLICT (id) DO UPDATE SET
            customer_id = excluded.customer_id, number = excluded.number, status = excluded.status,
            currency = excluded.currency, created_at = excluded.created_at, updated_at = excluded.updated_at
        """;

    private const string InsertLineSql = """
        INSERT INTO order_lines (order_id, ordinal, sku, description, quantity, unit_price)
        VALUES (@orderId, @ordinal, @sku, @description, @quantity, @unitPrice)
        """;

    /// <summary>Writes the order, replaces its lines and links its cross-references, in one transaction.</summary>
    public async Task UpsertAsync(Order order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.Id, nameof(order));
        await using var connection = await provider.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new
            {
                id = order.Id,
                customerId = order.CustomerId,
                number = order.Number,
                status = order.Status.ToString(),
                currency = order.Currency,
                createdAt = StoreSql.ToMs(order.CreatedAt),
                updatedAt = StoreSql.ToMs(order.UpdatedAt),
            },
            tx,
            cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM order_lines WHERE order_id = @id", new { id = order.Id }, tx, cancellationToken: ct));
        var lines = order.Lines.Select((l, i) => new
        {
            orderId = order.Id,
            ordinal = i,
            sku = l.Sku,
            description = l.Description,
            quantity = l.Quantity,
            unitPrice = l.UnitPrice,
        }).ToList();
        if (lines.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertLineSql, lines, tx, cancellationToken: ct));
        }

        await CrossReferenceSql.LinkAllAsync(connection, tx, EntityKind.Order, order.Id, order.CrossReferences, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<Order?> GetAsync(string id, CancellationToken ct)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM orders WHERE id = @id", new { id }, ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The order people quote by this number; the most recently updated one if several share it.</summary>
    public async Task<Order?> FindByNumberAsync(string number, CancellationToken ct)
    {
        var found = await QueryAsync(
            $"SELECT {Columns} FROM orders WHERE number = @number ORDER BY updated_at DESC, id DESC LIMIT 1", new { number }, ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The customer's orders, newest first.</summary>
    public Task<IReadOnlyList<Order>> ListByCustomerAsync(string customerId, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync(
            $"SELECT {Columns} FROM orders WHERE customer_id = @customerId ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { customerId, limit },
            ct);
    }

    private async Task<IReadOnlyList<Order>> QueryAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var lines = await LinesAsync(connection, ids, ct);
        var links = await CrossReferenceSql.ListForAsync(connection, EntityKind.Order, ids, ct);
        return [.. rows.Select(r => r.ToModel([.. lines[r.Id]], [.. links[r.Id]]))];
    }

    private static async Task<ILookup<string, OrderLine>> LinesAsync(
        DbConnection connection, IReadOnlyList<string> orderIds, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var ids = StoreSql.InList(parameters, "id", orderIds);
        var rows = await connection.QueryAsync<LineRow>(new CommandDefinition(
            $"""
            SELECT order_id AS OrderId, sku AS Sku, description AS Description, quantity AS Quantity, unit_price AS UnitPrice
            FROM order_lines WHERE order_id IN {ids} ORDER BY order_id, ordinal
            """,
            parameters,
            cancellationToken: ct));
        return rows.ToLookup(r => r.OrderId, r => new OrderLine(r.Sku, r.Description, r.Quantity, r.UnitPrice), StringComparer.Ordinal);
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string CustomerId { get; set; } = "";
        public string? Number { get; set; }
        public string Status { get; set; } = "";
        public string Currency { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Order ToModel(IReadOnlyList<OrderLine> lines, IReadOnlyList<CrossReference> links) => new()
        {
            Id = Id,
            CustomerId = CustomerId,
            Number = Number,
            Status = StoreSql.ParseEnum<OrderStatus>(Status),
            Currency = Currency,
            Lines = lines,
            CrossReferences = links,
            CreatedAt = StoreSql.FromMs(CreatedAt),
            UpdatedAt = StoreSql.FromMs(UpdatedAt),
        };
    }

    private sealed class LineRow
    {
        public string OrderId { get; set; } = "";
        public string Sku { get; set; } = "";
        public string Description { get; set; } = "";
        public decimal Quantity { get; set; }
        public decimal UnitPrice { get; set; }
    }
}
