using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Crm.Contacts;
using Switchboard.Demo.Crm.Http;

namespace Switchboard.Demo.Crm.Cases;

/// <summary>/api/cases: list a contact's cases and open new ones.</summary>
internal static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/api/cases");
        cases.MapGet("/", List);
        cases.MapGet("/{caseNumber}", Read);
        cases.MapPost("/", CreateAsync);
    }

    private static IResult List(CaseStore store, string? contactId, string? status)
    {
        bool? open;
        switch (status?.ToUpperInvariant())
        {
            case null or "ALL":
                open = null;
                break;
            case "OPEN":
                open = true;
                break;
            case "CLOSED":
                open = false;
                break;
            default:
                return CrmErrors.BadRequest("INVALID_QUERY", $"status: '{status}' is not one of open, closed, all");
        }

        return TypedResults.Ok(new CaseList(store.List(contactId, open)));
    }

    private static IResult Read(CaseStore store, string caseNumber) =>
        store.Find(caseNumber) is { } found
            ? TypedResults.Ok(found)
            : CrmErrors.NotFound($"Case {caseNumber} does not exist");

    private static async Task<IResult> CreateAsync(
        CaseStore store, ContactStore contacts, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await CrmRequestBody.ReadAsync<CaseInput>(request, cancellationToken);
        if (body.Value is not { } input)
        {
            return CrmErrors.BadRequest("JSON_PARSER_ERROR", body.Error!);
        }

        if (string.IsNullOrWhiteSpace(input.ContactId) || string.IsNullOrWhiteSpace(input.Subject))
        {
            return CrmErrors.BadRequest("REQUIRED_FIELD_MISSING", "Required fields are missing: [contactId, subject]");
        }

        if (!contacts.Exists(input.ContactId))
        {
            return CrmErrors.BadRequest("INVALID_CROSS_REFERENCE_KEY", $"contactId: no contact with id {input.ContactId}");
        }

        var status = input.Status is null ? "New" : CaseVocabulary.Pick(CaseVocabulary.Statuses, input.Status);
        if (status is null)
        {
            return CrmErrors.BadRequest(
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                $"status: bad value for restricted picklist field: {input.Status} (one of {string.Join(", ", CaseVocabulary.Statuses)})");
        }

        var priority = input.Priority is null ? "Medium" : CaseVocabulary.Pick(CaseVocabulary.Priorities, input.Priority);
        if (priority is null)
        {
            return CrmErrors.BadRequest(
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                $"priority: bad value for restricted picklist field: {input.Priority} (one of {string.Join(", ", CaseVocabulary.Priorities)})");
        }

        var created = store.Create(input.ContactId, input.Subject.Trim(), input.Description, status, priority);
        return TypedResults.Created($"/api/cases/{created.CaseNumber}", created);
    }
}
