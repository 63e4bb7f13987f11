using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Security;
using Switchboard.Sync.Changes;

namespace Switchboard.Sync.Webhooks;

/// <summary>
/// <c>POST /api/v1/systems/{system}/changes</c>: a business system pushes its order or ticket changes to the hub.
/// The whole batch is checked first; one bad record refuses it all, with a validation problem naming the record's
/// index, the field and the value, and nothing is applied. A valid batch is applied in order like polled changes
/// (de-duplicated by <c>updatedAt</c>) and answered with what it did.
/// </summary>
public static class SystemChangeEndpoints
{
    public const int MaxRecords = 1000;

    public static RouteGroupBuilder MapSystemChangeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/systems/{system}/changes", ApplyAsync)
            .RequireAuthorization(nameof(Permission.RecordsWrite))
            .WithTags("Systems")
            .WithSummary("Apply a system's order or ticket status changes to the hub's records and push them to the agents watching the customer.");
        return api;
    }

    private static async Task<Results<Ok<ChangeApplyResult>, ValidationProblem>> ApplyAsync(
        string system, SystemChangeRequest request, ChangeApplier applier, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var definition = SyncServiceCollectionExtensions.CurrentConfiguration(http.RequestServices)()?.FindSystem(system);
        if (definition is null)
        {
            errors.Add(new FieldError("system", system, "names no configured system"));
        }
        else if (definition.Mode == RolloutMode.Off)
        {
            errors.Add(new FieldError("system", system, $"is off (mode: off in {definition.File}); its changes are not accepted"));
        }

        EntityKind? kind = request.Kind switch
        {
            "order" => EntityKind.Order,
            "ticket" => EntityKind.Ticket,
            _ => null,
        };
        if (request.Kind is null)
        {
            errors.Add(new FieldError("kind", null, "is required"));
        }
        else if (kind is null)
        {
            errors.Add(new FieldError("kind", request.Kind, "is not one of order, ticket"));
        }

        var records = request.Records;
        if (records is null || records.Count == 0)
        {
            errors.Add(new FieldError("records", null, records is null ? "is required" : "must hold at least one record"));
        }
        else if (records.Count > MaxRecords)
        {
            errors.Add(new FieldError("records", null, $"holds {records.Count} records; send at most {MaxRecords} per request"));
        }

        IReadOnlyList<InboundChange> changes = [];
        if (kind is { } k && records is { Count: > 0 and <= MaxRecords })
        {
            var read = ChangeReader.Read(k, [.. records.Select(r => r as JsonObject)], time.GetUtcNow());
            changes = read.Changes;
            errors.AddRange(read.Errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(FieldError.ByField(errors), detail: "One or more fields are invalid; nothing was changed.");
        }

        return TypedResults.Ok(await applier.ApplyAsync(definition!.Name, changes, ct));
    }
}
