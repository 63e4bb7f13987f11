using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Erp.Http;

namespace Switchboard.Demo.Erp.Customers;

/// <summary>/api/v1/customers: look customers up by phone or number.</summary>
internal static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/v1/customers");
        customers.MapGet("/", Search);
        customers.MapGet("/{customerNo}", Read);
    }

    private static IResult Search(CustomerStore store, string? phone)
    {
        if (phone is null)
        {
            return TypedResults.Ok(new DataEnvelope<IReadOnlyList<ErpCustomer>>(store.All));
        }

        if (ErpPhoneMatch.Digits(phone) is not { } digits)
        {
            return ErpErrors.BadRequest($"phone must have at least {ErpPhoneMatch.ShortestQuery} digits");
        }

        var found = store.FindByPhone(digits);
        // The ERP's quirk: no match is 204 No Content, not an empty list.
        return found.Count == 0
            ? TypedResults.NoContent()
            : TypedResults.Ok(new DataEnvelope<IReadOnlyList<ErpCustomer>>(found));
    }

    private static IResult Read(CustomerStore store, string customerNo) =>
        store.Find(customerNo) is { } customer
            ? TypedResults.Ok(new DataEnvelope<ErpCustomer>(customer))
            : ErpErrors.NotFound($"customer {customerNo} not found");
}
