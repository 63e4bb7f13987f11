using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Erp.Customers;
using Switchboard.Demo.Erp.Http;

namespace Switchboard.Demo.Erp.Orders;

/// <summary>/api/v1/orders: list by customer or change time, read, create, and the status actions.</summary>
internal static class OrderEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static void MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/api/v1/orders");
        orders.MapGet("/", List);
        orders.MapGet("/{orderNo}", Read);
        orders.MapPost("/", CreateAsync);
        orders.MapPost("/{orderNo}/{action}", Act);
    }

    // The query parameters are camelCase although the bodies are snake_case: the ERP grew that way.
    private static IResult List(OrderStore store, string? customerNo, string? changedSince, string? cursor, string? limit)
    {
        long? since = null;
        if (changedSince is not null)
        {
            if (!long.TryParse(changedSince, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return ErpErrors.BadRequest($"changedSince must be epoch seconds, not '{changedSince}'");
            }

            since = seconds;
        }

        var pageSize = DefaultLimit;
        if (limit is not null &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > MaxLimit))
        {
            return ErpErrors.BadRequest($"limit must be between 1 and {MaxLimit}");
        }

        OrderCursor? after = null;
        if (cursor is not null)
        {
            after = OrderCursor.TryDecode(cursor);
            // A cursor from a changedSince walk carries a change time; one from a listing does not.
            if (after is null || (after.ChangedAt is null) != (since is null))
            {
                return ErpErrors.BadRequest("cursor is not valid for this query");
            }
        }

        var (orders, next) = store.Query(customerNo, since, after, pageSize);
        return TypedResults.Ok(new OrderPage(orders, next is null ? null : NextLink(customerNo, changedSince, limit, next)));
    }

    private static IResult Read(OrderStore store, string orderNo) =>
        store.Find(orderNo) is { } order
            ? TypedResults.Ok(order)
            : ErpErrors.NotFound($"order {orderNo} not found");

    private static async Task<IResult> CreateAsync(
        OrderStore store, CustomerStore customers, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ErpRequestBody.ReadAsync<NewOrderRequest>(request, cancellationToken);
        if (body.Value is null)
        {
            return ErpErrors.BadRequest(body.Error!);
        }

        var (draft, error) = OrderValidator.Validate(body.Value, customers);
        if (draft is null)
        {
            return ErpErrors.BadRequest(error!);
        }

        var key = request.Headers[IdempotencyKeyHeader].ToString();
        var result = store.Create(draft, key.Length == 0 ? null : key, body.Fingerprint);
        if (result.KeyReused)
        {
            return ErpErrors.Conflict($"{IdempotencyKeyHeader} {key} was already used for a different order");
        }

        return result.Replayed
            ? TypedResults.Ok(result.Order)
            : TypedResults.Created($"/api/v1/orders/{result.Order!.OrderNo}", result.Order);
    }

    private static IResult Act(OrderStore store, string orderNo, string action)
    {
        var verb = action.ToUpperInvariant() switch
        {
            "CONFIRM" => "confirm",
            "SHIP" => "ship",
            "CANCEL" => "cancel",
            _ => null,
        };
        if (verb is null)
        {
            return ErpErrors.NotFound($"no action {action} on orders (confirm, ship, cancel)");
        }

        var result = store.Apply(orderNo, verb);
        if (result.Order is null)
        {
            return ErpErrors.NotFound($"order {orderNo} not found");
        }

        return result.Conflict is not null
            ? ErpErrors.Conflict(result.Conflict)
            : TypedResults.Ok(result.Order);
    }

    private static string NextLink(string? customerNo, string? changedSince, string? limit, OrderCursor next)
    {
        var link = new StringBuilder("/api/v1/orders?");
        if (customerNo is not null)
        {
            link.Append("customerNo=").Append(Uri.EscapeDataString(customerNo)).Append('&');
        }

        if (changedSince is not null)
        {
            link.Append("changedSince=").Append(Uri.EscapeDataString(changedSince)).Append('&');
        }

        if (limit is not null)
        {
            link.Append("limit=").Append(Uri.EscapeDataString(limit)).Append('&');
        }

        return link.Append("cursor=").Append(next.Encode()).ToString();
    }
}
