using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Core.Interactions;
using Switchboard.Core.Phones;
using Switchboard.Security;
using Switchboard.Server.Hosting;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;
using Switchboard.Storage.Stores;

namespace Switchboard.Server.Endpoints;

public static class InteractionEndpoints
{
    public static RouteGroupBuilder MapInteractionEndpoints(this RouteGroupBuilder api)
    {
        var interactions = api.MapGroup("/interactions").WithTags("Interactions");
        interactions.MapGet("/{id}", GetAsync).RequirePermission(Permission.RecordsRead);
        interactions.MapGet("/", SearchAsync).RequirePermission(Permission.RecordsRead)
            .WithSummary("The interaction of a call id, or those of a customer, of a caller number, or of an agent in a time range.");
        return api;
    }

    private static async Task<Results<Ok<InteractionView>, ProblemHttpResult>> GetAsync(string id, InteractionStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } interaction ? TypedResults.Ok(InteractionView.From(interaction)) : Problems.NotFound("interaction", id);

    private static async Task<Results<Ok<ItemList<InteractionView>>, ValidationProblem>> SearchAsync(
        string? callId, string? customerId, string? callerNumber, string? agentId, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        InteractionStore store, ConfigurationMonitor configuration, TimeProvider clock, CancellationToken ct)
    {
        var size = Math.Clamp(limit ?? 50, 1, 500);
        if (callId is not null)
        {
            var found = await store.FindByCallIdAsync(callId, ct);
            return View(found is null ? [] : [found]);
        }

        if (customerId is not null)
        {
            return View(await store.ListByCustomerAsync(customerId, size, timelines: true, ct));
        }

        if (callerNumber is not null)
        {
            var normalized = new PhoneNormalizer(configuration.Running().Phone.DefaultRegion).Normalize(callerNumber);
            if (!normalized.IsValid)
            {
                return Problems.Invalid([new FieldError("callerNumber", callerNumber, normalized.Error ?? "is withheld")]);
            }

            return View(await store.ListByCallerAsync(normalized.E164!, size, timelines: true, ct));
        }

        if (agentId is not null)
        {
            var end = to ?? clock.GetUtcNow();
            var start = from ?? end.AddDays(-1);
            if (start > end)
            {
                return Problems.Invalid([new FieldError("from", start.ToString("O"), "is after 'to'")]);
            }

            return View(await store.ListByAgentAsync(agentId, start, end, size, timelines: true, ct));
        }

        return Problems.Invalid([new FieldError("customerId", null, "give one of callId, customerId, callerNumber or agentId")]);
    }

    private static Ok<ItemList<InteractionView>> View(IReadOnlyList<Interaction> interactions) =>
        TypedResults.Ok(new ItemList<InteractionView>([.. interactions.Select(InteractionView.From)]));
}
