using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Core.Events;
using Switchboard.Interactions;
using Switchboard.Security;

namespace Switchboard.Ingress.Rest;

/// <summary>
/// <c>POST /api/v1/events</c> and <c>/api/v1/events/batch</c>: the native way in. A 202 means the
/// events are committed; a resent event id gets 202 again with outcome <c>duplicate</c> and no effect.
/// Anything wrong in a request is refused whole, with every problem listed, and changes nothing.
/// </summary>
public static class EventEndpoints
{
    private const string Ingress = "rest";

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/events").WithTags("Events").RequireAuthorization(nameof(Permission.EventsWrite));
        events.MapPost("/", SubmitAsync)
            .Accepts<EventInput>("application/json")
            .Produces<EventAcknowledgement>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Submit one call or agent event; answered after it is durably committed.");
        events.MapPost("/batch", SubmitBatchAsync)
            .Accepts<EventBatchInput>("application/json")
            .Produces<BatchAcknowledgement>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Submit up to server.limits.maxBatchSize events at once; all or nothing.");
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest request, IEventIngest ingest, ContactCenterEventValidator validator, IngressMetrics metrics, CancellationToken ct)
    {
        var (input, problem) = await ReadAsync(request, IngressJsonContext.Default.EventInput, metrics, ct);
        if (problem is not null)
        {
            return problem;
        }

        var e = input!.ToEvent(Ingress);
        var errors = validator.Validate(e);
        if (errors.Count > 0)
        {
            metrics.Rejected(Ingress, "invalid");
            return Invalid(errors);
        }

        var outcome = (await ingest.IngestAsync([e], ct))[0];
        Count(metrics, outcome);
        return TypedResults.Json(new EventAcknowledgement(e.EventId, Name(outcome)), IngressJsonContext.Default.EventAcknowledgement, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> SubmitBatchAsync(
        HttpRequest request, IEventIngest ingest, ContactCenterEventValidator validator, IngressMetrics metrics,
        ConfigurationMonitor configuration, CancellationToken ct)
    {
        var (input, problem) = await ReadAsync(request, IngressJsonContext.Default.EventBatchInput, metrics, ct);
        if (problem is not null)
        {
            return problem;
        }

        var inputs = input!.Events ?? [];
        var limit = configuration.Current?.Server.Limits.MaxBatchSize ?? 500;
        if (inputs.Count == 0)
        {
            metrics.Rejected(Ingress, "invalid");
            return Invalid([new FieldError("events", null, "must hold at least one event")]);
        }

        if (inputs.Count > limit)
        {
            metrics.Rejected(Ingress, "batch_too_large");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Batch too large",
                detail: $"The batch holds {inputs.Count} events; at most {limit} are accepted at once (server.limits.maxBatchSize). Nothing was ingested.");
        }

        var events = new ContactCenterEvent[inputs.Count];
        var errors = new List<FieldError>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                errors.Add(new FieldError($"events[{i}]", null, "is null"));
                continue;
            }

            events[i] = inputs[i].ToEvent(Ingress);
            errors.AddRange(validator.Validate(events[i], $"events[{i}]."));
        }

        if (errors.Count > 0)
        {
            metrics.Rejected(Ingress, "invalid");
            return Invalid(errors);
        }

        var outcomes = await ingest.IngestAsync(events, ct);
        var results = new EventAcknowledgement[events.Length];
        var accepted = 0;
        for (var i = 0; i < events.Length; i++)
        {
            results[i] = new EventAcknowledgement(events[i].EventId, Name(outcomes[i]));
            accepted += outcomes[i] == IngestOutcome.Accepted ? 1 : 0;
        }

        metrics.Accepted(Ingress, accepted);
        metrics.Duplicate(Ingress, events.Length - accepted);
        return TypedResults.Json(new BatchAcknowledgement(accepted, events.Length - accepted, results),
            IngressJsonContext.Default.BatchAcknowledgement, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(
        HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, IngressMetrics metrics, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            metrics.Rejected(Ingress, "malformed");
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the body as application/json (got '{request.ContentType}')."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, ct);
            return value is null
                ? (null, Malformed(metrics, "The body is JSON null; send an object."))
                : (value, null);
        }
        catch (JsonException json)
        {
            return (null, Malformed(metrics, JsonErrors.Describe(json)));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            metrics.Rejected(Ingress, "oversize");
            throw;
        }
    }

    private static ProblemHttpResult Malformed(IngressMetrics metrics, string detail)
    {
        metrics.Rejected(Ingress, "malformed");
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: detail);
    }

    private static ValidationProblem Invalid(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            FieldError.ByField(errors),
            detail: "One or more events are invalid; nothing was ingested.");

    private static void Count(IngressMetrics metrics, IngestOutcome outcome)
    {
        if (outcome == IngestOutcome.Accepted)
        {
            metrics.Accepted(Ingress);
        }
        else
        {
            metrics.Duplicate(Ingress);
        }
    }

    private static string Name(IngestOutcome outcome) => outcome == IngestOutcome.Accepted ? "accepted" : "duplicate";
}
