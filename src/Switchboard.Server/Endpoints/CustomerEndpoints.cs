using Switchboard.ScreenPop;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Core.Customers;
using Switchboard.Core.Phones;
using Switchboard.Security;
using Switchboard.Server.Hosting;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;
using Switchboard.Storage.Stores;

namespace Switchboard.Server.Endpoints;

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/{id}", GetAsync).RequirePermission(Permission.RecordsRead).WithName("GetCustomer");
        customers.MapGet("/", SearchAsync).RequirePermission(Permission.RecordsRead)
            .WithSummary("Find customers by phone (any format), email or a system's id, or page through all.");
        customers.MapPost("/", CreateAsync).RequirePermission(Permission.RecordsWrite);
        customers.MapPut("/{id}", ReplaceAsync).RequirePermission(Permission.RecordsWrite);
        return api;
    }

    private static async Task<Results<Ok<Customer>, ProblemHttpResult>> GetAsync(string id, CustomerStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } customer ? TypedResults.Ok(customer) : Problems.NotFound("customer", id);

    private static async Task<Results<Ok<ItemList<Customer>>, ValidationProblem>> SearchAsync(
        string? phone, string? email, string? system, string? externalId, int? limit, string? after,
        CustomerStore store, ConfigurationMonitor configuration, CancellationToken ct)
    {
        if (phone is not null)
        {
            var normalizer = new PhoneNormalizer(configuration.Running().Phone.DefaultRegion);
            var normalized = normalizer.Normalize(phone);
            if (!normalized.IsValid)
            {
                return Problems.Invalid([new FieldError("phone", phone, normalized.Error ?? "is a withheld number and matches nobody")]);
            }

            return TypedResults.Ok(new ItemList<Customer>(await store.FindByPhoneAsync(normalized.E164!, ct)));
        }

        if (email is not null)
        {
            return TypedResults.Ok(new ItemList<Customer>(await store.FindByEmailAsync(email.Trim().ToLowerInvariant(), ct)));
        }

        if (system is not null || externalId is not null)
        {
            if (system is null || externalId is null)
            {
                return Problems.Invalid([new FieldError(system is null ? "system" : "externalId", null, "is required together with the other")]);
            }

            var found = await store.FindByCrossReferenceAsync(system, externalId, ct);
            return TypedResults.Ok(new ItemList<Customer>(found is null ? [] : [found]));
        }

        var size = limit ?? 50;
        if (size is < 1 or > 500)
        {
            return Problems.Invalid([new FieldError("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 1 and 500")]);
        }

        var page = await store.ListAsync(size, after, ct);
        return TypedResults.Ok(new ItemList<Customer>(page, page.Count == size ? page[^1].Id : null));
    }

    private static async Task<Results<Created<Customer>, ValidationProblem>> CreateAsync(
        CustomerInput input, CustomerStore store, ScreenPopEngine pops, ConfigurationMonitor configuration, TimeProvider clock, CancellationToken ct)
    {
        var (customer, errors) = Validate(input, HubIds.New(), configuration, clock, createdAt: null);
        if (customer is null)
        {
            return Problems.Invalid(errors);
        }

        await store.UpsertAsync(customer, ct);
        await ForgetCachedPopsAsync(pops, [customer], ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", await store.GetAsync(customer.Id, ct) ?? customer);
    }

    private static async Task<Results<Ok<Customer>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string id, CustomerInput input, CustomerStore store, ScreenPopEngine pops, ConfigurationMonitor configuration, TimeProvider clock, CancellationToken ct)
    {
        var existing = await store.GetAsync(id, ct);
        if (existing is null)
        {
            return Problems.NotFound("customer", id);
        }

        var (customer, errors) = Validate(input, id, configuration, clock, existing.CreatedAt);
        if (customer is null)
        {
            return Problems.Invalid(errors);
        }

        await store.UpsertAsync(customer, ct);
        await ForgetCachedPopsAsync(pops, [existing, customer], ct);
        return TypedResults.Ok(await store.GetAsync(id, ct) ?? customer);
    }

    /// <summary>
    /// Changed customers must not pop from stale cached answers: drop, in one request, those mentioning their numbers
    /// or ids (for a replacement, the old record's and the new one's).
    /// </summary>
    private static Task<int> ForgetCachedPopsAsync(ScreenPopEngine pops, IReadOnlyCollection<Customer> customers, CancellationToken ct) =>
        pops.CustomersChangedAsync(
            customers.SelectMany(c => c.Phones),
            customers.SelectMany(c => c.CrossReferences).Select(link => (link.System, link.ExternalId)),
            ct);

    private static (Customer?, IReadOnlyList<FieldError>) Validate(
        CustomerInput input, string id, ConfigurationMonitor configuration, TimeProvider clock, DateTimeOffset? createdAt)
    {
        var current = configuration.Running();
        var systems = current.Systems.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        return CustomerInputValidator.ToCustomer(input, id, new PhoneNormalizer(current.Phone.DefaultRegion), systems, now, createdAt);
    }
}
