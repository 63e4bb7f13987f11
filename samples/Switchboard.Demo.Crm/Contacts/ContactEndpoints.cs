using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Crm.Http;

namespace Switchboard.Demo.Crm.Contacts;

/// <summary>/api/contacts: search by phone, list by modification time, read, create and upsert.</summary>
internal static class ContactEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static void MapContactEndpoints(this IEndpointRouteBuilder routes)
    {
        var contacts = routes.MapGroup("/api/contacts");
        contacts.MapGet("/", Search);
        contacts.MapGet("/{id}", Read);
        contacts.MapPost("/", CreateAsync);
        contacts.MapPut("/{id}", UpsertAsync);
    }

    private static IResult Search(
        ContactStore store, string? phone, string? modifiedSince, string? page, string? pageSize)
    {
        if (phone is not null)
        {
            var found = store.FindByPhone(phone);
            return TypedResults.Ok(new ContactSearchResult(found, found.Count));
        }

        DateTimeOffset? since = null;
        if (modifiedSince is not null)
        {
            if (!DateTimeOffset.TryParse(modifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return CrmErrors.BadRequest("INVALID_QUERY", $"modifiedSince: '{modifiedSince}' is not an ISO-8601 date-time");
            }

            since = parsed;
        }

        if (!TryReadPositive(page, 1, int.MaxValue, out var pageNumber))
        {
            return CrmErrors.BadRequest("INVALID_QUERY", $"page: '{page}' is not a page number (1 or more)");
        }

        if (!TryReadPositive(pageSize, DefaultPageSize, MaxPageSize, out var size))
        {
            return CrmErrors.BadRequest("INVALID_QUERY", $"pageSize: '{pageSize}' must be between 1 and {MaxPageSize}");
        }

        return TypedResults.Ok(store.List(since, pageNumber, size));
    }

    private static IResult Read(ContactStore store, string id, HttpResponse response)
    {
        if (store.Find(id) is not { } contact)
        {
            return CrmErrors.NotFound($"Provided external ID field does not exist or is not accessible: {id}");
        }

        response.Headers.ETag = $"\"{contact.Version}\"";
        return TypedResults.Ok(contact);
    }

    private static async Task<IResult> CreateAsync(ContactStore store, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await CrmRequestBody.ReadAsync<ContactInput>(request, cancellationToken);
        if (body.Value is null)
        {
            return CrmErrors.BadRequest("JSON_PARSER_ERROR", body.Error!);
        }

        if (body.Value.Problem() is { } problem)
        {
            return CrmErrors.BadRequest("REQUIRED_FIELD_MISSING", problem);
        }

        // A retried create (the answer was lost) with the same Idempotency-Key gets the contact it created, not a second one.
        var key = IdempotentCreates<string>.KeyOf(request);
        var (contact, replayed, keyReused) = store.Create(body.Value, key, body.Fingerprint);
        if (keyReused)
        {
            return IdempotentCreates<string>.KeyReused(key!);
        }

        // The real-world quirk this demo keeps: a create answers with the bare id only.
        return replayed
            ? TypedResults.Ok(new CreatedId(contact!.Id))
            : TypedResults.Created($"/api/contacts/{contact!.Id}", new CreatedId(contact.Id));
    }

    private static async Task<IResult> UpsertAsync(
        ContactStore store, string id, HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!ContactStore.IsWellFormedId(id))
        {
            return CrmErrors.BadRequest("MALFORMED_ID", $"Contact ID: id value of incorrect type: {id}");
        }

        int? expectedVersion = null;
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            // Accept "3", "\"3\"" and W/"3": clients send versions as bare numbers or as ETags.
            var text = ifMatch.Trim();
            text = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
            if (!int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return CrmErrors.BadRequest("INVALID_HEADER", $"If-Match: '{ifMatch}' is not a version number");
            }

            expectedVersion = version;
        }

        var body = await CrmRequestBody.ReadAsync<ContactInput>(request, cancellationToken);
        if (body.Value is null)
        {
            return CrmErrors.BadRequest("JSON_PARSER_ERROR", body.Error!);
        }

        if (body.Value.Problem() is { } problem)
        {
            return CrmErrors.BadRequest("REQUIRED_FIELD_MISSING", problem);
        }

        var write = store.Upsert(id, body.Value, expectedVersion);
        switch (write.Outcome)
        {
            case ContactWriteOutcome.VersionMismatch:
                return CrmErrors.PreconditionFailed(write.Contact is null
                    ? $"Contact {id} does not exist, so If-Match: {expectedVersion} cannot match"
                    : $"Contact {id} is at version {write.Contact.Version}, not {expectedVersion}; read it again and retry");
            case ContactWriteOutcome.Created:
                response.Headers.ETag = $"\"{write.Contact!.Version}\"";
                return TypedResults.Created($"/api/contacts/{id}", write.Contact);
            default:
                response.Headers.ETag = $"\"{write.Contact!.Version}\"";
                return TypedResults.Ok(write.Contact);
        }
    }

    private static bool TryReadPositive(string? text, int fallback, int max, out int value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;
    }
}
