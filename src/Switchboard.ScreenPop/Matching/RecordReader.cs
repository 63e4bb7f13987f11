using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Core.Customers;
using Switchboard.Core.Interactions;
using Switchboard.Core.Phones;

namespace Switchboard.ScreenPop.Matching;

/// <summary>Reads the canonical fields of mapped records (<c>externalId</c>, <c>firstName</c>, <c>phone</c>, <c>status</c>, ...) into the pop's shapes.</summary>
internal static class RecordReader
{
    // Canonical customer fields that may hold a phone number or an email address.
    private static readonly string[] PhoneFields = ["phone", "mobilePhone", "homePhone", "workPhone", "phones"];
    private static readonly string[] EmailFields = ["email", "emails"];

    // Ticket states that are no longer open, whatever the system calls them.
    private static readonly HashSet<string> ClosedTicketStates = new(["closed", "resolved", "solved", "cancelled", "canceled", "done"], StringComparer.OrdinalIgnoreCase);

    /// <summary>A system's customer record; null when it has no <c>externalId</c> (nothing to link it by).</summary>
    public static FoundRecord? Customer(string system, JsonObject record, PhoneNormalizer phones, string origin, string? searchedPhone = null)
    {
        var id = Text(record, "externalId");
        if (id is null)
        {
            return null;
        }

        var numbers = PhonesOf(record, phones);
        if (searchedPhone is not null && !numbers.Contains(searchedPhone, StringComparer.Ordinal))
        {
            // The system found it by this number, whatever field it keeps the number in.
            numbers = [searchedPhone, .. numbers];
        }

        return new FoundRecord
        {
            System = system,
            ExternalId = id,
            DisplayName = Text(record, "displayName") ?? Text(record, "name"),
            FirstName = Text(record, "firstName"),
            LastName = Text(record, "lastName"),
            Company = Text(record, "company"),
            Language = Text(record, "language"),
            Phones = numbers,
            Emails = [.. EmailFields.SelectMany(f => Texts(record, f)).Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)],
            Origins = [origin],
            Fields = record,
        };
    }

    /// <summary>The hub's own customer, linked to its ids in the systems.</summary>
    public static FoundRecord Hub(Customer customer, string origin) => new()
    {
        System = PopSystemNames.Hub,
        ExternalId = customer.Id,
        DisplayName = customer.DisplayName,
        FirstName = customer.FirstName,
        LastName = customer.LastName,
        Company = customer.Company,
        Language = customer.Language,
        Phones = [.. customer.Phones.Distinct(StringComparer.Ordinal)],
        Emails = [.. customer.ContactPoints.Where(c => c.Kind == ContactPointKind.Email).Select(c => c.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
        Origins = [origin],
        CrossReferences = [.. customer.CrossReferences
            .Where(x => x.Kind == Core.Common.EntityKind.Customer)
            .Select(x => new SystemId(x.System, x.ExternalId))
            .Distinct()],
    };

    /// <summary>Every phone field of a record that reads as a number, in E.164.</summary>
    public static IReadOnlyList<string> PhonesOf(JsonObject record, PhoneNormalizer phones) =>
        [.. PhoneFields.SelectMany(f => Texts(record, f))
            .Select(p => phones.Normalize(p))
            .Where(n => n.IsValid)
            .Select(n => n.E164!)
            .Distinct(StringComparer.Ordinal)];

    public static PopOrder? Order(string system, JsonObject record)
    {
        var id = Text(record, "externalId") ?? Text(record, "number");
        return id is null ? null : new PopOrder
        {
            System = system,
            ExternalId = id,
            Number = Text(record, "number") ?? Text(record, "orderNo"),
            Status = Text(record, "status"),
            Total = Decimal(record, "total"),
            Currency = Text(record, "currency"),
            CreatedAt = Text(record, "createdAt"),
        };
    }

    public static PopTicket? Ticket(string system, JsonObject record)
    {
        var id = Text(record, "externalId") ?? Text(record, "number");
        return id is null ? null : new PopTicket
        {
            System = system,
            ExternalId = id,
            Subject = Text(record, "subject"),
            Status = Text(record, "status"),
            Priority = Text(record, "priority"),
            CreatedAt = Text(record, "createdAt"),
        };
    }

    public static bool IsOpen(PopTicket ticket) => ticket.Status is null || !ClosedTicketStates.Contains(ticket.Status.Trim());

    public static PopInteraction Interaction(Interaction interaction) => new()
    {
        Id = interaction.Id,
        StartedAt = interaction.StartedAt,
        Direction = interaction.Direction.ToString().ToLowerInvariant(),
        Disposition = interaction.Disposition,
        Notes = interaction.Notes,
        AgentIds = interaction.AgentIds,
    };

    /// <summary>A field as text: strings as they are, numbers and booleans in invariant form; null when absent or empty.</summary>
    public static string? Text(JsonObject record, string field) =>
        record.TryGetPropertyValue(field, out var node) ? Scalar(node) : null;

    private static IEnumerable<string> Texts(JsonObject record, string field)
    {
        if (!record.TryGetPropertyValue(field, out var node) || node is null)
        {
            return [];
        }

        return node is JsonArray list
            ? list.Select(item => item is JsonObject o ? Text(o, "value") : Scalar(item)).OfType<string>()
            : Scalar(node) is { } one ? [one] : [];
    }

    private static string? Scalar(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static decimal? Decimal(JsonObject record, string field)
    {
        if (!record.TryGetPropertyValue(field, out var node) || node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<decimal>(out var number))
        {
            return number;
        }

        var text = Scalar(value);
        return text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out number) ? number : null;
    }
}
