using System.Text.Json.Nodes;

namespace Switchboard.Desktop.Actions;

/// <summary>Checks what the desktop sends before any system sees it; every bad field is reported at once.</summary>
internal static class DesktopRecordValidator
{
    public const int MaxSubject = 200;
    public const int MaxDescription = 4000;
    public const int MaxIdentifier = 200;
    public const int MaxLines = 100;
    public const int MaxSku = 64;
    public const int MaxQuantity = 100_000;
    public const int MaxLineDescription = 500;

    /// <summary>The priorities a ticket may carry; systems map them to their own in the operation's template.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["low", "normal", "high", "urgent"];

    public static Dictionary<string, string[]> Ticket(CreateTicketRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Customer(request.CustomerSystem, request.CustomerId, errors);
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            errors["subject"] = ["is required"];
        }
        else if (request.Subject.Trim().Length > MaxSubject)
        {
            errors["subject"] = [$"is {request.Subject.Trim().Length} characters long, at most {MaxSubject} are allowed"];
        }

        if (request.Description is { } description && description.Trim().Length > MaxDescription)
        {
            errors["description"] = [$"is {description.Trim().Length} characters long, at most {MaxDescription} are allowed"];
        }

        if (!string.IsNullOrWhiteSpace(request.Priority) && !Priorities.Contains(request.Priority.Trim(), StringComparer.Ordinal))
        {
            errors["priority"] = [$"'{request.Priority}' is not one of {string.Join(", ", Priorities)}"];
        }

        Identifier("callId", request.CallId, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Order(CreateOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Customer(request.CustomerSystem, request.CustomerId, errors);
        if (string.IsNullOrWhiteSpace(request.Currency))
        {
            errors["currency"] = ["is required"];
        }
        else if (!IsCurrencyCode(request.Currency.Trim()))
        {
            errors["currency"] = [$"'{request.Currency}' is not a three-letter ISO 4217 code such as USD, EUR or CNY"];
        }

        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors["lines"] = ["at least one line is required"];
        }
        else if (request.Lines.Count > MaxLines)
        {
            errors["lines"] = [$"has {request.Lines.Count} lines, at most {MaxLines} are allowed"];
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                Line($"lines[{i}]", request.Lines[i], errors);
            }
        }

        Identifier("callId", request.CallId, errors);
        return errors;
    }

    /// <summary>The lines as the operation's templates read them (<c>{{ lines | json }}</c>).</summary>
    public static JsonArray LinesArgument(IReadOnlyList<OrderLineRequest?> lines)
    {
        var array = new JsonArray();
        foreach (var line in lines)
        {
            var item = new JsonObject { ["sku"] = line!.Sku!.Trim(), ["quantity"] = line.Quantity!.Value };
            if (line.UnitPrice is { } price)
            {
                item["unitPrice"] = price;
            }

            if (!string.IsNullOrWhiteSpace(line.Description))
            {
                item["description"] = line.Description.Trim();
            }

            array.Add(item);
        }

        return array;
    }

    private static void Line(string prefix, OrderLineRequest? line, Dictionary<string, string[]> errors)
    {
        if (line is null)
        {
            errors[prefix] = ["is empty: give at least sku and quantity"];
            return;
        }

        if (string.IsNullOrWhiteSpace(line.Sku))
        {
            errors[$"{prefix}.sku"] = ["is required"];
        }
        else if (line.Sku.Trim().Length > MaxSku)
        {
            errors[$"{prefix}.sku"] = [$"is {line.Sku.Trim().Length} characters long, at most {MaxSku} are allowed"];
        }

        if (line.Quantity is null)
        {
            errors[$"{prefix}.quantity"] = ["is required"];
        }
        else if (line.Quantity is < 1 or > MaxQuantity)
        {
            errors[$"{prefix}.quantity"] = [$"{line.Quantity} is not between 1 and {MaxQuantity}"];
        }

        if (line.UnitPrice is < 0)
        {
            errors[$"{prefix}.unitPrice"] = [$"{line.UnitPrice} is negative"];
        }

        if (line.Description is { } description && description.Trim().Length > MaxLineDescription)
        {
            errors[$"{prefix}.description"] = [$"is {description.Trim().Length} characters long, at most {MaxLineDescription} are allowed"];
        }
    }

    private static void Customer(string? system, string? id, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(system))
        {
            errors["customerSystem"] = ["is required: the system that holds the customer"];
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            errors["customerId"] = ["is required: the customer's id in that system"];
        }
        else
        {
            Identifier("customerId", id, errors);
        }
    }

    private static void Identifier(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is not null && value.Length > MaxIdentifier)
        {
            errors[field] = [$"is {value.Length} characters long, at most {MaxIdentifier} are allowed"];
        }
    }

    private static bool IsCurrencyCode(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);
}
