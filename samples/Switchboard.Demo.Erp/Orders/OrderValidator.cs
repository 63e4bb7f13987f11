using System.Text.Json;
using Switchboard.Demo.Erp.Customers;
using Switchboard.Demo.Erp.Seed;

namespace Switchboard.Demo.Erp.Orders;

/// <summary>
/// Checks a new order the way the ERP does: it stops at the first problem and names the line.
/// Catalogue items may omit description and price (the ERP fills them in); other items need both.
/// </summary>
internal static class OrderValidator
{
    public static readonly IReadOnlyList<string> Currencies = ["USD", "GBP", "CNY"];

    private const int MaxLines = 100;

    public static (OrderDraft? Draft, string? Error) Validate(NewOrderRequest request, CustomerStore customers)
    {
        if (string.IsNullOrWhiteSpace(request.CustomerNo))
        {
            return (null, "customer_no is required");
        }

        if (customers.Find(request.CustomerNo.Trim()) is not { } customer)
        {
            return (null, $"customer_no {request.CustomerNo} does not exist");
        }

        var currency = request.Currency?.Trim().ToUpperInvariant() ?? customer.Currency;
        if (!Currencies.Contains(currency))
        {
            return (null, $"currency {request.Currency} is not one of {string.Join(", ", Currencies)}");
        }

        if (request.Lines is not { Count: > 0 } lines)
        {
            return (null, "an order needs at least one line");
        }

        if (lines.Count > MaxLines)
        {
            return (null, $"an order has at most {MaxLines} lines");
        }

        var built = new List<ErpOrderLine>(lines.Count);
        var total = 0m;
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, error) = ValidateLine(lines[i], currency);
            if (error is not null)
            {
                return (null, $"line {i + 1}: {error}");
            }

            built.Add(line!.Value.Line);
            total += Math.Round(line.Value.Qty * line.Value.Price, 2, MidpointRounding.AwayFromZero);
        }

        return (new OrderDraft(customer.CustomerNo, currency, built, ErpAmounts.Money(total)), null);
    }

    private static ((ErpOrderLine Line, decimal Qty, decimal Price)? Line, string? Error) ValidateLine(NewOrderLine? line, string currency)
    {
        if (line is null || string.IsNullOrWhiteSpace(line.Sku))
        {
            return (null, "sku is required");
        }

        var sku = line.Sku.Trim().ToUpperInvariant();
        if (line.Qty.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (null, "qty is required");
        }

        if (!ErpAmounts.TryRead(line.Qty, out var qty))
        {
            return (null, $"qty {line.Qty.GetRawText()} is not a number");
        }

        if (qty <= 0)
        {
            return (null, "qty must be positive");
        }

        if (ErpAmounts.Decimals(qty) > 3)
        {
            return (null, "qty has more than 3 decimals");
        }

        var item = ErpCatalog.Find(sku);
        decimal price;
        if (line.UnitPrice.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (item is null)
            {
                return (null, $"unit_price is required for {sku}, which is not in the catalogue");
            }

            price = item.Price(currency);
        }
        else if (!ErpAmounts.TryRead(line.UnitPrice, out price))
        {
            return (null, $"unit_price {line.UnitPrice.GetRawText()} is not a number");
        }
        else if (price < 0)
        {
            return (null, "unit_price must not be negative");
        }
        else if (ErpAmounts.Decimals(price) > 2)
        {
            return (null, "unit_price has more than 2 decimals");
        }

        var description = string.IsNullOrWhiteSpace(line.Description) ? item?.Description : line.Description.Trim();
        if (description is null)
        {
            return (null, $"description is required for {sku}, which is not in the catalogue");
        }

        return ((new ErpOrderLine(sku, description, ErpAmounts.Quantity(qty), ErpAmounts.Money(price)), qty, price), null);
    }
}
