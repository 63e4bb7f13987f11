using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Common;
using Switchboard.Core.Orders;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;
using Switchboard.Storage.Stores;

namespace Switchboard.Server.Endpoints;

public static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{id}", GetAsync).RequirePermission(Permission.RecordsRead).WithTags("Orders");
        api.MapGet("/customers/{customerId}/orders", ListAsync).RequirePermission(Permission.RecordsRead).WithTags("Orders");
        api.MapPost("/orders", CreateAsync).RequirePermission(Permission.RecordsWrite).WithTags("Orders");
        return api;
    }

    private static async Task<Results<Ok<Order>, ProblemHttpResult>> GetAsync(string id, OrderStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } order ? TypedResults.Ok(order) : Problems.NotFound("order", id);

    private static async Task<Ok<ItemList<Order>>> ListAsync(string customerId, int? limit, OrderStore store, CancellationToken ct) =>
        TypedResults.Ok(new ItemList<Order>(await store.ListByCustomerAsync(customerId, Math.Clamp(limit ?? 20, 1, 200), ct)));

    private static async Task<Results<Created<Order>, ValidationProblem>> CreateAsync(
        OrderInput input, OrderStore orders, CustomerStore customers, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.CustomerId))
        {
            errors.Add(new FieldError("customerId", null, "is required"));
        }
        else if (await customers.GetAsync(input.CustomerId, ct) is null)
        {
            errors.Add(new FieldError("customerId", input.CustomerId, "names no customer"));
        }

        var status = EnumField.Parse(input.Status, OrderStatus.Draft, "status", errors);
        var currency = (input.Currency ?? "USD").Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new FieldError("currency", input.Currency, "is not an ISO 4217 code such as USD, GBP or CNY"));
        }

        var lines = input.Lines ?? [];
        if (lines.Count == 0)
        {
            errors.Add(new FieldError("lines", null, "must hold at least one line"));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i].Sku))
            {
                errors.Add(new FieldError($"lines[{i}].sku", lines[i].Sku, "is required"));
            }

            if (lines[i].Quantity <= 0)
            {
                errors.Add(new FieldError($"lines[{i}].quantity", lines[i].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive"));
            }

            if (lines[i].UnitPrice < 0)
            {
                errors.Add(new FieldError($"lines[{i}].unitPrice", lines[i].UnitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture), "must not be negative"));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var order = new Order
        {
            Id = HubIds.New(),
            CustomerId = input.CustomerId!,
            Number = input.Number,
            Status = status,
            Currency = currency,
            Lines = [.. lines.Select(l => new OrderLine(l.Sku!, l.Description ?? "", l.Quantity, l.UnitPrice))],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await orders.UpsertAsync(order, ct);
        return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
    }
}
