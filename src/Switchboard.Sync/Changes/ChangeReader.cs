using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Core.Common;
using Switchboard.Core.Orders;
using Switchboard.Core.Tickets;

namespace Switchboard.Sync.Changes;

/// <summary>
/// Reads canonical change records (as a connector maps them, or as a system posts them) into
/// <see cref="InboundChange"/>s. Every problem is a <see cref="FieldError"/> naming the record's index, the
/// field and the value, e.g. <c>records[2].status: 'lost' is not one of draft, submitted, …</c>.
/// </summary>
internal static class ChangeReader
{
    /// <summary>A change dated further ahead than this is refused: it would hide every real change until then.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static (IReadOnlyList<InboundChange> Changes, IReadOnlyList<FieldError> Errors) Read(
        EntityKind kind, IReadOnlyList<JsonObject?> records, DateTimeOffset now, string prefix = "records")
    {
        ArgumentNullException.ThrowIfNull(records);
        if (kind is not (EntityKind.Order or EntityKind.Ticket))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only order and ticket changes are applied.");
        }

        var changes = new List<InboundChange>(records.Count);
        var errors = new List<FieldError>();
        for (var i = 0; i < records.Count; i++)
        {
            var before = errors.Count;
            var change = ReadOne(kind, records[i], now, string.Create(CultureInfo.InvariantCulture, $"{prefix}[{i}]"), errors);
            if (errors.Count == before && change is not null)
            {
                changes.Add(change);
            }
        }

        return (changes, errors);
    }

    /// <summary>The status as mappings write it: <c>inProgress</c> for <see cref="OrderStatus.InProgress"/>.</summary>
    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static string KindName(EntityKind kind) => kind == EntityKind.Order ? "order" : "ticket";

    private static InboundChange? ReadOne(EntityKind kind, JsonObject? record, DateTimeOffset now, string at, List<FieldError> errors)
    {
        if (record is null)
        {
            errors.Add(new FieldError(at, null, "is not an object"));
            return null;
        }

        var externalId = Text(record, "externalId", at, errors);
        if (externalId is null && !errors.Any(e => e.Field == $"{at}.externalId"))
        {
            errors.Add(new FieldError($"{at}.externalId", null, "is required"));
        }

        var statusText = Text(record, "status", at, errors);
        string? status = null;
        if (statusText is null)
        {
            if (!errors.Any(e => e.Field == $"{at}.status"))
            {
                errors.Add(new FieldError($"{at}.status", null, "is required"));
            }
        }
        else
        {
            status = kind == EntityKind.Order ? Parse<OrderStatus>(statusText) : Parse<TicketStatus>(statusText);
            if (status is null)
            {
                var allowed = kind == EntityKind.Order ? Enum.GetNames<OrderStatus>() : Enum.GetNames<TicketStatus>();
                errors.Add(new FieldError($"{at}.status", statusText, $"is not one of {string.Join(", ", allowed.Select(Camel))}"));
            }
        }

        var updatedAt = Instant(record, "updatedAt", at, now, errors, required: true);
        var createdAt = Instant(record, "createdAt", at, now, errors, required: false);
        var customer = Text(record, "customerExternalId", at, errors) ?? Text(record, "customerId", at, errors);
        var number = Text(record, "number", at, errors);
        string? currency = null;
        string? priority = null;
        if (kind == EntityKind.Order && Text(record, "currency", at, errors) is { } code)
        {
            currency = code.Trim().ToUpperInvariant();
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            {
                errors.Add(new FieldError($"{at}.currency", code, "is not an ISO 4217 code such as USD, GBP or CNY"));
            }
        }

        if (kind == EntityKind.Ticket && Text(record, "priority", at, errors) is { } priorityText)
        {
            priority = Parse<TicketPriority>(priorityText);
            if (priority is null)
            {
                errors.Add(new FieldError($"{at}.priority", priorityText, $"is not one of {string.Join(", ", Enum.GetNames<TicketPriority>().Select(Camel))}"));
            }
        }

        var subject = kind == EntityKind.Ticket ? Text(record, "subject", at, errors) : null;
        var description = kind == EntityKind.Ticket ? Text(record, "description", at, errors) : null;
        if (externalId is null || status is null || updatedAt is null)
        {
            return null;
        }

        return new InboundChange
        {
            Kind = kind,
            ExternalId = externalId,
            Status = status,
            UpdatedAt = updatedAt.Value,
            CustomerExternalId = customer,
            Number = number,
            CreatedAt = createdAt,
            Currency = currency,
            Subject = subject,
            Description = description,
            Priority = priority,
        };
    }

    /// <summary>A text or number field as text; null when absent, null or blank.</summary>
    private static string? Text(JsonObject record, string name, string at, List<FieldError> errors)
    {
        if (!record.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<string>(out var text))
            {
                return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            }

            if (value.GetValueKind() == JsonValueKind.Number)
            {
                return value.ToJsonString();
            }
        }

        errors.Add(new FieldError($"{at}.{name}", node.ToJsonString(), "is not text"));
        return null;
    }

    private static DateTimeOffset? Instant(JsonObject record, string name, string at, DateTimeOffset now, List<FieldError> errors, bool required)
    {
        var field = $"{at}.{name}";
        var text = Text(record, name, at, errors);
        if (text is null)
        {
            if (required && !errors.Any(e => e.Field == field))
            {
                errors.Add(new FieldError(field, null, "is required"));
            }

            return null;
        }

        if (text.Length < 10 || !char.IsAsciiDigit(text[0])
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            errors.Add(new FieldError(field, text, "is not an ISO 8601 date-time such as 2025-03-01T10:00:00Z"));
            return null;
        }

        if (instant > now + MaxClockSkew)
        {
            errors.Add(new FieldError(field, text, "is more than 5 minutes ahead of the hub's clock"));
            return null;
        }

        // The hub keeps milliseconds; compared at a finer grain, a resent change would look newer than its stored copy.
        return DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
    }

    /// <summary>An enum name in any case, with <c>_</c> or <c>-</c> between words (<c>in_progress</c>); null when it is none.</summary>
    private static string? Parse<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var compact = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        // Letters only: Enum.TryParse would also take numbers and "a, b" lists.
        return compact.Length > 0 && compact.All(char.IsAsciiLetter)
            && Enum.TryParse<TEnum>(compact, ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value.ToString()
                : null;
    }
}
