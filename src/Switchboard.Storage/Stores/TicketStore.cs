using Dapper;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Tickets;

namespace Switchboard.Storage.Stores;

/// <summary>Tickets with their cross-references.</summary>
public sealed class TicketStore(IStorageProvider provider)
{
    private const string Columns = """
        id AS Id, customer_id AS CustomerId, number AS Number, subject AS Subject, description AS Description,
        status AS Status, priority AS Priority, interaction_id AS InteractionId, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const string UpsertSql = """
        INSERT INTO tickets (id, customer_id, number, subject, description, status, priority, interaction_id, created_at, updated_at)
        VALUES (@id, @customerId, @number, @subject, @description, @status, @priority, @interactionId, @createdAt, @updatedAt)
        ON CONFLICT (id) DO UPDATE SET
            customer_id = excluded.customer_id, number = excluded.number, subject = excluded.subject,
            description = excluded.description, status = excluded.status, priority = excluded.priority,
            interaction_id = excluded.interaction_id, created_at = excluded.created_at, updated_at = excluded.updated_at
        """;

    /// <summary>Writes the ticket and links its cross-references, in one transaction.</summary>
    public async Task UpsertAsync(Ticket ticket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentException.ThrowIfNullOrWhiteSpace(ticket.Id, nameof(ticket));
        await using var connection = await provider.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new
            {
                id = ticket.Id,
                customerId = ticket.CustomerId,
                number = ticket.Number,
                subject = ticket.Subject,
                description = ticket.Description,
                status = ticket.Status.ToString(),
                priority = ticket.Priority.ToString(),
                interactionId = ticket.InteractionId,
                createdAt = StoreSql.ToMs(ticket.CreatedAt),
                updatedAt = StoreSql.ToMs(ticket.UpdatedAt),
            },
            tx,
            cancellationToken: ct));
        await CrossReferenceSql.LinkAllAsync(connection, tx, EntityKind.Ticket, ticket.Id, ticket.CrossReferences, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<Ticket?> GetAsync(string id, CancellationToken ct)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM tickets WHERE id = @id", new { id }, ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The ticket with this number; the most recently updated one if several share it.</summary>
    public async Task<Ticket?> FindByNumberAsync(string number, CancellationToken ct)
    {
        var found = await QueryAsync(
            $"SELECT {Columns} FROM tickets WHERE number = @number ORDER BY updated_at DESC, id DESC LIMIT 1", new { number }, ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The customer's tickets, newest first; with <paramref name="openOnly"/> only Open and Pending ones.</summary>
    public Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, bool openOnly, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filter = openOnly ? "AND status IN (@open, @pending)" : "";
        return QueryAsync(
            $"SELECT {Columns} FROM tickets WHERE customer_id = @customerId {filter} ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { customerId, limit, open = nameof(TicketStatus.Open), pending = nameof(TicketStatus.Pending) },
            ct);
    }

    private async Task<IReadOnlyList<Ticket>> QueryAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var links = await CrossReferenceSql.ListForAsync(connection, EntityKind.Ticket, [.. rows.Select(r => r.Id)], ct);
        return [.. rows.Select(r => r.ToModel([.. links[r.Id]]))];
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string CustomerId { get; set; } = "";
        public string? Number { get; set; }
        public string Subject { get; set; } = "";
        public string? Description { get; set; }
        public string Status { get; set; } = "";
        public string Priority { get; set; } = "";
        public string? InteractionId { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Ticket ToModel(IReadOnlyList<CrossReference> links) => new()
        {
            Id = Id,
            CustomerId = CustomerId,
            Number = Number,
            Subject = Subject,
            Description = Description,
            Status = StoreSql.ParseEnum<TicketStatus>(Status),
            Priority = StoreSql.ParseEnum<TicketPriority>(Priority),
            InteractionId = InteractionId,
            CrossReferences = links,
            CreatedAt = StoreSql.FromMs(CreatedAt),
            UpdatedAt = StoreSql.FromMs(UpdatedAt),
        };
    }
}
