using System.Text.Json;
using Dapper;
using Switchboard.Delivery.Outbox;

namespace Switchboard.Delivery.DeadLetters;

/// <summary>The SQL shared by <see cref="DeadLetterStore"/>'s queries; one text for SQLite and PostgreSQL.</summary>
internal static class DeadLetterSql
{
    /// <summary>Read as an <see cref="OutboxRow"/> followed by a <see cref="FailureColumns"/>, split on <c>FailedAt</c>.</summary>
    public const string Columns =
        "id AS Id, target AS Target, operation AS Operation, record_key AS RecordKey, idempotency_key AS IdempotencyKey, " +
        "source AS Source, arguments AS Arguments, occurred_at AS OccurredAt, enqueued_at AS EnqueuedAt, " +
        "failed_at AS FailedAt, reason AS Reason, attempts AS Attempts";

    public const string SplitOn = nameof(FailureColumns.FailedAt);

    public const string Insert =
        "INSERT INTO delivery_dead_letters (id, target, operation, record_key, idempotency_key, source, arguments, occurred_at, enqueued_at, failed_at, reason, attempts) " +
        "VALUES (@Id, @Target, @Operation, @RecordKey, @IdempotencyKey, @Source, @Arguments, @OccurredAt, @EnqueuedAt, @FailedAt, @Reason, @Attempts) " +
        "ON CONFLICT (id) DO NOTHING";

    public const string InsertAction =
        "INSERT INTO delivery_actions (at, actor, action, message_id, target, detail) VALUES (@At, @Actor, @Action, @MessageId, @Target, @Detail)";

    public const string ActionColumns =
        "at AS At, actor AS Actor, action AS Action, message_id AS MessageId, target AS Target, detail AS Detail";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string AttemptsJson(IReadOnlyList<DeliveryAttempt> attempts) => JsonSerializer.Serialize(attempts, Json);

    public static DeadLetter ToDeadLetter(OutboxRow message, FailureColumns failure) => new(
        message.ToMessage(),
        failure.Reason,
        DateTimeOffset.FromUnixTimeMilliseconds(failure.FailedAt),
        JsonSerializer.Deserialize<List<DeliveryAttempt>>(failure.Attempts, Json) ?? []);

    /// <summary><c>WHERE …</c> for the filter (empty when it selects everything), its parameters added to <paramref name="parameters"/>.</summary>
    public static string Where(DeadLetterFilter filter, DynamicParameters parameters, DeadLetterCursor? after = null)
    {
        var clauses = new List<string>();
        Equal(clauses, parameters, "id", filter.Id);
        Equal(clauses, parameters, "target", filter.Target);
        Equal(clauses, parameters, "operation", filter.Operation);
        Equal(clauses, parameters, "source", filter.Source);
        if (filter.FailedFrom is { } from)
        {
            clauses.Add("failed_at >= @failedFrom");
            parameters.Add("failedFrom", from.ToUnixTimeMilliseconds());
        }

        if (filter.FailedTo is { } to)
        {
            clauses.Add("failed_at < @failedTo");
            parameters.Add("failedTo", to.ToUnixTimeMilliseconds());
        }

        if (after is { } cursor)
        {
            clauses.Add("(failed_at < @afterFailedAt OR (failed_at = @afterFailedAt AND id < @afterId))");
            parameters.Add("afterFailedAt", cursor.FailedAtMs);
            parameters.Add("afterId", cursor.Id);
        }

        return clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", clauses);
    }

    private static void Equal(List<string> clauses, DynamicParameters parameters, string column, string? value)
    {
        if (value is not null)
        {
            clauses.Add($"{column} = @{column}");
            parameters.Add(column, value);
        }
    }

    /// <summary>The dead-letter columns after the message's.</summary>
    internal sealed class FailureColumns
    {
        public long FailedAt { get; set; }
        public string Reason { get; set; } = "";
        public string Attempts { get; set; } = "[]";
    }

    internal sealed class ActionRow
    {
        public long At { get; set; }
        public string Actor { get; set; } = "";
        public string Action { get; set; } = "";
        public string MessageId { get; set; } = "";
        public string Target { get; set; } = "";
        public string? Detail { get; set; }

        public DeliveryAction ToAction() => new(DateTimeOffset.FromUnixTimeMilliseconds(At), Actor, Action, MessageId, Target, Detail);
    }
}
