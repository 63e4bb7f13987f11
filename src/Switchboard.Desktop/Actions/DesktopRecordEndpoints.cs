using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Core.Common;
using Switchboard.Delivery;
using Switchboard.Delivery.Dispatch;
using Switchboard.Delivery.Outbox;
using Switchboard.ScreenPop;
using Switchboard.Storage.Stores;

namespace Switchboard.Desktop.Actions;

/// <summary>
/// <c>POST /desktop/api/tickets</c> and <c>POST /desktop/api/orders</c>: the agent creates a record in the
/// customer's system through that system's configured <c>ticket.create</c> / <c>order.create</c> operation, sent
/// through the delivery pipeline like every other write: the request is written to the outbox, and the answer waits
/// up to <see cref="AnswerWait"/> for the system. Delivered: 201 with the record. Refused or given up on: 502 (409 for a
/// conflict), and the message is a dead letter an operator can replay. Still retrying: 202 with the message id, and
/// the record is created when the system comes back. Each request carries an idempotency key (the client's
/// <c>Idempotency-Key</c> header, or a fresh one), so a retried create never creates twice.
/// </summary>
internal static class DesktopRecordEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKey = 200;

    /// <summary>How long a create waits for the system before answering 202 (queued).</summary>
    public static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapDesktopRecords(this RouteGroupBuilder group)
    {
        group.MapPost("/tickets", CreateTicketAsync).WithSummary("Create a ticket for the customer in the given system (its ticket.create operation).");
        group.MapPost("/orders", CreateOrderAsync).WithSummary("Create an order for the customer in the given system (its order.create operation).");
        return group;
    }

    private static async Task<IResult> CreateTicketAsync(
        CreateTicketRequest request, HttpRequest http, ConfigurationMonitor configuration, DesktopPipeline pipeline, ILoggerFactory loggers,
        ScreenPopEngine pops, InteractionStore interactions, CancellationToken cancellationToken)
    {
        var errors = DesktopRecordValidator.Ticket(request);
        var key = IdempotencyKey(http, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "No ticket was created.");
        }

        if (await RefuseOthersCallAsync(request.CallId, http, "link a ticket to it", pops, interactions, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var arguments = OperationArguments.From(
            ("customerId", request.CustomerId!.Trim()),
            ("subject", request.Subject!.Trim()),
            ("description", Blank(request.Description)),
            ("priority", Blank(request.Priority)),
            ("interactionId", Blank(request.CallId)));
        return await CreateAsync(request.CustomerSystem!.Trim(), request.CustomerId!.Trim(), OperationNames.TicketCreate, "ticket", key, arguments, configuration, pipeline, loggers, null, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IResult> CreateOrderAsync(
        CreateOrderRequest request, HttpRequest http, ConfigurationMonitor configuration, DesktopPipeline pipeline, ILoggerFactory loggers,
        ScreenPopEngine pops, InteractionStore interactions, CancellationToken cancellationToken)
    {
        var errors = DesktopRecordValidator.Order(request);
        var key = IdempotencyKey(http, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "No order was created.");
        }

        if (await RefuseOthersCallAsync(request.CallId, http, "link an order to it", pops, interactions, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var arguments = OperationArguments.From(
            ("customerId", request.CustomerId!.Trim()),
            ("currency", request.Currency!.Trim()),
            ("lines", DesktopRecordValidator.LinesArgument(request.Lines!)),
            ("interactionId", Blank(request.CallId)));
        return await CreateAsync(request.CustomerSystem!.Trim(), request.CustomerId!.Trim(), OperationNames.OrderCreate, "order", key, arguments, configuration, pipeline, loggers, null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A record may name the call it was taken on only when that call is the agent's (see <see cref="CallOwnership"/>).</summary>
    private static Task<IResult?> RefuseOthersCallAsync(
        string? callId, HttpRequest http, string action, ScreenPopEngine pops, InteractionStore interactions, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(callId)
            ? Task.FromResult<IResult?>(null)
            : CallOwnership.RefuseUnlessOwnAsync(callId.Trim(), DesktopActionEndpoints.AgentId(http.HttpContext.User), action, pops, interactions, cancellationToken);

    /// <summary>Sends the create through the outbox and answers as described above.</summary>
    /// <param name="created">Runs once the system answered the record (201), before the answer; null for nothing.</param>
    internal static async Task<IResult> CreateAsync(
        string system, string customerId, string operation, string what, string key, OperationArguments arguments, ConfigurationMonitor configuration,
        DesktopPipeline pipeline, ILoggerFactory loggers, Func<JsonObject, CancellationToken, Task>? created, CancellationToken cancellationToken)
    {
        var definition = configuration.Current?.FindSystem(system);
        if (definition is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["customerSystem"] = [$"no system named '{system}' is configured"] },
                detail: $"No {what} was created: no system named '{system}' is configured.");
        }

        if (!definition.Implements(operation))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: $"The system does not define {operation}",
                detail: $"No {what} was created: system '{system}' does not define the operation {operation}; add it to {definition.File} to create {what}s there.");
        }

        if (definition.Mode == RolloutMode.Off)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: $"The system is off",
                detail: $"No {what} was created: system '{system}' is off (mode: off in {definition.File}).");
        }

        var message = new DeliveryMessage
        {
            Id = HubIds.New(),
            Target = system,
            Operation = operation,
            RecordKey = $"customer:{system}:{customerId}",
            IdempotencyKey = key,
            Source = DesktopActionEndpoints.Source,
            Arguments = Arguments(arguments),
            OccurredAt = pipeline.Clock.GetUtcNow(),
            EnqueuedAt = pipeline.Clock.GetUtcNow(),
        };
        var result = await pipeline.SendAsync(message, AnswerWait, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return TypedResults.Accepted((string?)null, new DesktopRecordQueued(message.Id, "queued",
                $"{system} has not answered yet; the {what} is queued and will be created when it does."));
        }

        if (!result.Delivered)
        {
            DesktopActionLog.CreateFailed(loggers.CreateLogger(typeof(DesktopRecordEndpoints)), operation, system, result.LastError ?? "");
            var conflict = result.FailureKind == "Conflict";
            return TypedResults.Problem(
                statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status502BadGateway,
                title: conflict ? $"{system} refused the {what} as conflicting" : $"{system} could not create the {what}",
                detail: result.LastError,
                extensions: new Dictionary<string, object?>
                {
                    ["system"] = system, ["operation"] = operation, ["reason"] = result.Reason, ["kind"] = result.FailureKind, ["deadLetterId"] = message.Id,
                });
        }

        // An operation without a response mapping answers no record: the create still happened.
        var record = result.Answer is { Records.Count: > 0 } answer ? (JsonObject)answer.Records[0].DeepClone() : [];
        if (created is not null)
        {
            await created(record, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Created((string?)null, record);
    }

    // The key travels as the message's IdempotencyKey; delivery passes it to the operation.
    private static JsonObject Arguments(OperationArguments arguments) =>
        new([.. arguments.Select(a => KeyValuePair.Create(a.Key, a.Value?.DeepClone()))]);

    internal static string IdempotencyKey(HttpRequest http, Dictionary<string, string[]> errors)
    {
        if (!http.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            // One key per request: the agent pressing Create twice means two records.
            return Guid.NewGuid().ToString();
        }

        var key = values.ToString().Trim();
        if (key.Length == 0 || key.Length > MaxIdempotencyKey || values.Count > 1)
        {
            errors[IdempotencyKeyHeader] = [$"must be one value of 1 to {MaxIdempotencyKey} characters"];
        }

        return key;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
