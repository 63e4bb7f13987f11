using System.Data.Common;
using Dapper;
using Switchboard.Core.Common;
using Switchboard.Core.Customers;

namespace Switchboard.Storage.Stores;

/// <summary>Customers with their contact points and cross-references.</summary>
public sealed class CustomerStore(IStorageProvider provider)
{
    private const string Columns = """
        c.id AS Id, c.display_name AS DisplayName, c.first_name AS FirstName, c.last_name AS LastName,
        c.company AS Company, c.language AS Language, c.created_at AS CreatedAt, c.updated_at AS UpdatedAt
        """;

    private const string UpsertSql = """
        INSERT INTO customers (id, display_name, first_name, last_name, company, language, created_at, updated_at)
        VALUES (@id, @displayName, @firstName, @lastName, @company, @language, @createdAt, @updatedAt)
        ON CONFLICT (id) DO UPDATE SET
            display_name = excluded.display_name, first_name = excluded.first_name, last_name = excluded.last_name,
            company = excluded.company, language = excluded.language,
            created_at = excluded.created_at, updated_at = excluded.updated_at
        """;

    private const string InsertContactPointSql = """
        INSERT INTO contact_points (customer_id, ordinal, kind, value, label, is_primary)
        VALUES (@customerId, @ordinal, @kind, @value, @label, @isPrimary)
        """;

    /// <summary>
    /// Writes the customer, replaces its contact points and links its cross-references (links to
    /// systems not mentioned are kept), in one transaction. Emails are stored lower-cased.
    /// </summary>
    public async Task UpsertAsync(Customer c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentException.ThrowIfNullOrWhiteSpace(c.Id, nameof(c));
        await using var connection = await provider.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new
            {
                id = c.Id,
                displayName = c.DisplayName,
                firstName = c.FirstName,
                lastName = c.LastName,
                company = c.Company,
                language = c.Language,
                createdAt = StoreSql.ToMs(c.CreatedAt),
                updatedAt = StoreSql.ToMs(c.UpdatedAt),
            },
            tx,
            cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM contact_points WHERE customer_id = @id", new { id = c.Id }, tx, cancellationToken: ct));
        var points = c.ContactPoints.Select((p, i) => new
        {
            customerId = c.Id,
            ordinal = i,
            kind = p.Kind.ToString(),
            value = p.Kind == ContactPointKind.Email ? p.Value.ToLowerInvariant() : p.Value,
            label = p.Label,
            isPrimary = p.IsPrimary,
        }).ToList();
        if (points.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertContactPointSql, points, tx, cancellationToken: ct));
        }

        await CrossReferenceSql.LinkAllAsync(connection, tx, EntityKind.Customer, c.Id, c.CrossReferences, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<Customer?> GetAsync(string id, CancellationToken ct)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM customers c WHERE c.id = @id", new { id }, ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Every customer with this phone number (E.164), in id order; several may share one.</summary>
    public Task<IReadOnlyList<Customer>> FindByPhoneAsync(string e164, CancellationToken ct) =>
        FindByContactPointAsync(ContactPointKind.Phone, e164, ct);

    /// <summary>
    /// The ids of the customers holding each of these phone numbers (E.164), in id order, read in one query on the caller's
    /// connection and transaction; a number nobody holds is absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OwnersByPhoneAsync(
        IReadOnlyList<string> e164s, DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e164s);
        if (e164s.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        var parameters = new DynamicParameters();
        parameters.Add("kind", nameof(ContactPointKind.Phone));
        var values = StoreSql.InList(parameters, "phone", e164s);
        var rows = await connection.QueryAsync<(string Value, string CustomerId)>(new CommandDefinition(
            $"SELECT DISTINCT value, customer_id FROM contact_points WHERE kind = @kind AND value IN {values} ORDER BY value, customer_id",
            parameters,
            tx,
            cancellationToken: ct));
        return rows.GroupBy(r => r.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.CustomerId)], StringComparer.Ordinal);
    }

    /// <summary>Every customer with this email address, compared without case, in id order.</summary>
    public Task<IReadOnlyList<Customer>> FindByEmailAsync(string email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        return FindByContactPointAsync(ContactPointKind.Email, email.ToLowerInvariant(), ct);
    }

    public async Task<Customer?> FindByCrossReferenceAsync(string system, string externalId, CancellationToken ct)
    {
        var found = await QueryAsync(
            $"""
            SELECT {Columns} FROM customers c
            JOIN cross_references x ON x.hub_id = c.id
            WHERE x.kind = @kind AND x.system = @system AND x.external_id = @externalId
            """,
            new { kind = nameof(EntityKind.Customer), system, externalId },
            ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Up to <paramref name="limit"/> customers in id order, after <paramref name="afterId"/> when given.</summary>
    public Task<IReadOnlyList<Customer>> ListAsync(int limit, string? afterId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return afterId is null
            ? QueryAsync($"SELECT {Columns} FROM customers c ORDER BY c.id LIMIT @limit", new { limit }, ct)
            : QueryAsync($"SELECT {Columns} FROM customers c WHERE c.id > @afterId ORDER BY c.id LIMIT @limit", new { limit, afterId }, ct);
    }

    private Task<IReadOnlyList<Customer>> FindByContactPointAsync(ContactPointKind kind, string value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(value);
        return QueryAsync(
            $"""
            SELECT {Columns} FROM customers c
            WHERE c.id IN (SELECT p.customer_id FROM contact_points p WHERE p.kind = @kind AND p.value = @value)
            ORDER BY c.id
            """,
            new { kind = kind.ToString(), value },
            ct);
    }

    /// <summary>Runs a query for customer rows and completes them with their parts in two more queries.</summary>
    private async Task<IReadOnlyList<Customer>> QueryAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await provider.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var points = await ContactPointsAsync(connection, ids, ct);
        var links = await CrossReferenceSql.ListForAsync(connection, EntityKind.Customer, ids, ct);
        return [.. rows.Select(r => r.ToModel([.. points[r.Id]], [.. links[r.Id]]))];
    }

    private static async Task<ILookup<string, ContactPoint>> ContactPointsAsync(
        DbConnection connection, IReadOnlyList<string> customerIds, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var ids = StoreSql.InList(parameters, "id", customerIds);
        var rows = await connection.QueryAsync<PointRow>(new CommandDefinition(
            $"""
            SELECT customer_id AS CustomerId, kind AS Kind, value AS Value, label AS Label, is_primary AS IsPrimary
            FROM contact_points WHERE customer_id IN {ids} ORDER BY customer_id, ordinal
            """,
            parameters,
            cancellationToken: ct));
        return rows.ToLookup(
            r => r.CustomerId,
            r => new ContactPoint(StoreSql.ParseEnum<ContactPointKind>(r.Kind), r.Value, r.Label, r.IsPrimary),
            StringComparer.Ordinal);
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Company { get; set; }
        public string? Language { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Customer ToModel(IReadOnlyList<ContactPoint> points, IReadOnlyList<Core.CrossReferences.CrossReference> links) => new()
        {
            Id = Id,
            DisplayName = DisplayName,
            FirstName = FirstName,
            LastName = LastName,
            Company = Company,
            Language = Language,
            ContactPoints = points,
            CrossReferences = links,
            CreatedAt = StoreSql.FromMs(CreatedAt),
            UpdatedAt = StoreSql.FromMs(UpdatedAt),
        };
    }

    private sealed class PointRow
    {
        public string CustomerId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Value { get; set; } = "";
        public string? Label { get; set; }
        public bool IsPrimary { get; set; }
    }
}
