using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Security;
using Switchboard.Security.ApiKeys;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;

namespace Switchboard.Server.Endpoints;

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequirePermission(Permission.ApiKeysManage);
        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) =>
            TypedResults.Ok(new ItemList<ApiKeyView>([.. (await service.ListAsync(ct)).Select(View)])));
        keys.MapPost("/", CreateAsync);
        keys.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, ApiKeyService service, CancellationToken ct) =>
            await service.RevokeAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("active API key", id));
        return api;
    }

    private static async Task<Results<Created<IssuedApiKeyView>, ValidationProblem>> CreateAsync(
        ApiKeyInput input, ApiKeyService service, CancellationToken ct)
    {
        TimeSpan? lifetime = input.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : null;
        var errors = ApiKeyService.Validate(input.Name, input.Roles, lifetime);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var issued = await service.IssueAsync(input.Name!, input.Roles!, lifetime, ct);
        return TypedResults.Created($"/api/v1/api-keys/{issued.Record.Id}", new IssuedApiKeyView(View(issued.Record), issued.Key));
    }

    internal static ApiKeyView View(ApiKey key) =>
        new(key.Id, key.Name, key.Roles, key.CreatedAt, key.ExpiresAt, key.RevokedAt);
}
