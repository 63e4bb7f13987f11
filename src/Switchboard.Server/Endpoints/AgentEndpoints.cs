using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Agents;
using Switchboard.Core.Common;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;
using Switchboard.Storage.Stores;

namespace Switchboard.Server.Endpoints;

public static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("/", async (AgentStore store, CancellationToken ct) => TypedResults.Ok(new ItemList<Agent>(await store.ListAsync(ct))))
            .RequirePermission(Permission.RecordsRead);
        agents.MapGet("/{id}", GetAsync).RequirePermission(Permission.RecordsRead);
        agents.MapPut("/{id}", PutAsync).RequirePermission(Permission.RecordsWrite);
        return api;
    }

    private static async Task<Results<Ok<Agent>, ProblemHttpResult>> GetAsync(string id, AgentStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } agent ? TypedResults.Ok(agent) : Problems.NotFound("agent", id);

    private static async Task<Results<Ok<Agent>, ValidationProblem>> PutAsync(
        string id, AgentInput input, AgentStore store, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (id.Length > 100 || id.Any(char.IsWhiteSpace))
        {
            errors.Add(new FieldError("id", id, "must be at most 100 characters without spaces"));
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(new FieldError("name", input.Name, "is required"));
        }

        var state = EnumField.Parse(input.State, AgentState.LoggedOut, "state", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var existing = await store.GetAsync(id, ct);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var agent = new Agent
        {
            Id = id,
            Name = input.Name!.Trim(),
            Extension = input.Extension,
            Queues = input.Queues ?? [],
            State = state,
            StateReason = input.StateReason,
            StateChangedAt = existing is not null && existing.State == state && existing.StateReason == input.StateReason ? existing.StateChangedAt : now,
        };
        await store.UpsertAsync(agent, ct);
        return TypedResults.Ok(agent);
    }
}
