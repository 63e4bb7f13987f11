using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Common;
using Switchboard.Core.Tickets;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;
using Switchboard.Storage.Stores;

namespace Switchboard.Server.Endpoints;

public static class TicketEndpoints
{
    public static RouteGroupBuilder MapTicketEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{id}", GetAsync).RequirePermission(Permission.RecordsRead).WithTags("Tickets");
        api.MapGet("/customers/{customerId}/tickets", ListAsync).RequirePermission(Permission.RecordsRead).WithTags("Tickets");
        api.MapPost("/tickets", CreateAsync).RequirePermission(Permission.RecordsWrite).WithTags("Tickets");
        return api;
    }

    private static async Task<Results<Ok<Ticket>, ProblemHttpResult>> GetAsync(string id, TicketStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } ticket ? TypedResults.Ok(ticket) : Problems.NotFound("ticket", id);

    private static async Task<Ok<ItemList<Ticket>>> ListAsync(string customerId, bool? open, int? limit, TicketStore store, CancellationToken ct) =>
        TypedResults.Ok(new ItemList<Ticket>(await store.ListByCustomerAsync(customerId, open ?? false, Math.Clamp(limit ?? 20, 1, 200), ct)));

    private static async Task<Results<Created<Ticket>, ValidationProblem>> CreateAsync(
        TicketInput input, TicketStore tickets, CustomerStore customers, TimeProvider clock, CancellationToken ct)
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

        if (string.IsNullOrWhiteSpace(input.Subject))
        {
            errors.Add(new FieldError("subject", input.Subject, "is required"));
        }
        else if (input.Subject.Length > 500)
        {
            errors.Add(new FieldError("subject", input.Subject[..20] + "…", "is longer than 500 characters"));
        }

        var status = EnumField.Parse(input.Status, TicketStatus.Open, "status", errors);
        var priority = EnumField.Parse(input.Priority, TicketPriority.Normal, "priority", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var ticket = new Ticket
        {
            Id = HubIds.New(),
            CustomerId = input.CustomerId!,
            Subject = input.Subject!.Trim(),
            Description = input.Description,
            Number = input.Number,
            Status = status,
            Priority = priority,
            InteractionId = input.InteractionId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await tickets.UpsertAsync(ticket, ct);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", ticket);
    }
}
