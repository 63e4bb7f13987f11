using System.Security.Claims;
using Switchboard.Connectors;
using Switchboard.Core.Common;
using Switchboard.Flows.Reconciliation;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;

namespace Switchboard.Server.Endpoints;

/// <summary>
/// Call-logging reconciliation: <c>POST /api/v1/delivery/reconciliation</c> compares the hub's completed interactions of a
/// period with the activities the system lists and reports what is missing or duplicated; <c>…/resend</c> also sends the
/// missing ones again through the outbox (audited with the caller).
/// </summary>
public static class ReconciliationEndpoints
{
    public static RouteGroupBuilder MapReconciliationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/delivery/reconciliation", (ReconciliationRequest request, ClaimsPrincipal user, CallLogReconciler reconciler, CancellationToken ct) =>
                RunAsync(request, user, reconciler, resend: false, ct))
            .RequirePermission(Permission.DeliveryRead).WithTags("Delivery")
            .WithSummary("Compares the completed interactions of [from, to) with the activities the system lists (its interaction.list): what is missing or duplicated there.");
        api.MapPost("/delivery/reconciliation/resend", (ReconciliationRequest request, ClaimsPrincipal user, CallLogReconciler reconciler, CancellationToken ct) =>
                RunAsync(request, user, reconciler, resend: true, ct))
            .RequirePermission(Permission.DeliveryManage).WithTags("Delivery")
            .WithSummary("The same comparison, then sends the missing interactions to the system again (recorded as 'resend' with who asked).");
        return api;
    }

    private static async Task<IResult> RunAsync(ReconciliationRequest request, ClaimsPrincipal user, CallLogReconciler reconciler, bool resend, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.System))
        {
            errors.Add(new FieldError("system", request.System, "is required: the system whose activities to compare"));
        }

        if (request.From is null)
        {
            errors.Add(new FieldError("from", null, "is required: the start of the period (ISO 8601)"));
        }

        if (request.To is null)
        {
            errors.Add(new FieldError("to", null, "is required: the end of the period, exclusive (ISO 8601)"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "Nothing was compared or sent.");
        }

        try
        {
            return TypedResults.Ok(await reconciler.RunAsync(request.System!.Trim(), request.From!.Value, request.To!.Value, resend, DeadLetterEndpoints.Actor(user), ct));
        }
        catch (ReconciliationException ex)
        {
            return Problems.Invalid([new FieldError(ex.Field, ex.Value, ex.Reason)], "Nothing was compared or sent.");
        }
        catch (ConnectorException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: $"{ex.System} could not list its activities",
                detail: ex.Message + " Nothing was sent.", extensions: new Dictionary<string, object?> { ["system"] = ex.System, ["kind"] = ex.Kind.ToString() });
        }
    }
}
