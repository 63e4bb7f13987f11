using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Crm.Contacts;
using Switchboard.Demo.Crm.Http;

namespace Switchboard.Demo.Crm.Activities;

/// <summary>/api/activities: log calls (idempotently) and list them for reconciliation.</summary>
internal static class ActivityEndpoints
{

    public static void MapActivityEndpoints(this IEndpointRouteBuilder routes)
    {
        var activities = routes.MapGroup("/api/activities");
        activities.MapGet("/", List);
        activities.MapGet("/{id}", Read);
        activities.MapPost("/", LogAsync);
    }

    private static IResult Read(ActivityStore store, string id) =>
        store.Find(id) is { } activity
            ? TypedResults.Ok(activity)
            : CrmErrors.NotFound($"Activity {id} does not exist");

    private static IResult List(ActivityStore store, string? contactId, string? from, string? to)
    {
        if (!TryReadTime(from, out var fromTime))
        {
            return CrmErrors.BadRequest("INVALID_QUERY", $"from: '{from}' is not an ISO-8601 date-time");
        }

        if (!TryReadTime(to, out var toTime))
        {
            return CrmErrors.BadRequest("INVALID_QUERY", $"to: '{to}' is not an ISO-8601 date-time");
        }

        var found = store.List(contactId, fromTime, toTime);
        return TypedResults.Ok(new ActivityList(found, found.Count));
    }

    private static async Task<IResult> LogAsync(
        ActivityStore store, ContactStore contacts, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await CrmRequestBody.ReadAsync<ActivityInput>(request, cancellationToken);
        if (body.Value is not { } input)
        {
            return CrmErrors.BadRequest("JSON_PARSER_ERROR", body.Error!);
        }

        if (input.Problem() is { } problem)
        {
            return CrmErrors.BadRequest("FIELD_INTEGRITY_EXCEPTION", problem);
        }

        if (!contacts.Exists(input.ContactId!))
        {
            return CrmErrors.BadRequest("INVALID_CROSS_REFERENCE_KEY", $"contactId: no contact with id {input.ContactId}");
        }

        var key = IdempotentCreates<CallActivity>.KeyOf(request);
        var result = store.Log(input, key, body.Fingerprint);
        if (result.KeyReused)
        {
            return IdempotentCreates<CallActivity>.KeyReused(key!);
        }

        var id = new CreatedId(result.Activity!.Id);
        return result.Replayed
            ? TypedResults.Ok(id)
            : TypedResults.Created($"/api/activities/{id.Id}", id);
    }

    private static bool TryReadTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
