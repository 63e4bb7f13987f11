using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;

namespace Switchboard.Desktop.Actions;

/// <summary>
/// <c>POST /desktop/api/tickets</c> and <c>POST /desktop/api/orders</c>: the agent creates a record in the
/// customer's system through that system's configured <c>ticket.create</c> / <c>order.create</c> operation.
/// Each request carries an idempotency key (the client's <c>Idempotency-Key</c> header, or a fresh one), so
/// the connector may retry a create without creating twice.
/// </summary>
internal static class DesktopRecordEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKey = 200;

    public static RouteGroupBuilder MapDesktopRecords(this RouteGroupBuilder group)
    {
        group.MapPost("/tickets", CreateTicketAsync).WithSummary("Create a ticket for the customer in the given system (its ticket.create operation).");
        group.MapPost("/orders", CreateOrderAsync).WithSummary("Create an order for the customer in the given system (its order.create operation).");
        return group;
    }

    private static async Task<IResult> CreateTicketAsync(
        CreateTicketRequest request, HttpRequest http, ConfigurationMonitor configuration, IOperationInvoker invoker, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var errors = DesktopRecordValidator.Ticket(request);
        var key = IdempotencyKey(http, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "No ticket was created.");
        }

        var arguments = OperationArguments.From(
            ("customerId", request.CustomerId!.Trim()),
            ("subject", request.Subject!.Trim()),
            ("description", Blank(request.Description)),
            ("priority", Blank(request.Priority)),
            ("interactionId", Blank(request.CallId)),
            ("idempotencyKey", key));
        return await CreateAsync(request.CustomerSystem!.Trim(), OperationNames.TicketCreate, "ticket", arguments, configuration, invoker, loggers, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IResult> CreateOrderAsync(
        CreateOrderRequest request, HttpRequest http, ConfigurationMonitor configuration, IOperationInvoker invoker, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var errors = DesktopRecordValidator.Order(request);
        var key = IdempotencyKey(http, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "No order was created.");
        }

        var arguments = OperationArguments.From(
            ("customerId", request.CustomerId!.Trim()),
            ("currency", request.Currency!.Trim()),
            ("lines", DesktopRecordValidator.LinesArgument(request.Lines!)),
            ("interactionId", Blank(request.CallId)),
            ("idempotencyKey", key));
        return await CreateAsync(request.CustomerSystem!.Trim(), OperationNames.OrderCreate, "order", arguments, configuration, invoker, loggers, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IResult> CreateAsync(
        string system, string operation, string what, OperationArguments arguments, ConfigurationMonitor configuration, IOperationInvoker invoker,
        ILoggerFactory loggers, CancellationToken cancellationToken)
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

        OperationResult result;
        try
        {
            result = await invoker.InvokeAsync(system, operation, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            DesktopActionLog.CreateFailed(loggers.CreateLogger(typeof(DesktopRecordEndpoints)), operation, system, ex.Reason);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: $"{system} could not create the {what}",
                detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["system"] = system, ["operation"] = operation, ["reason"] = ex.Reason, ["kind"] = ex.Kind.ToString() });
        }

        if (result.Outcome == OperationOutcome.Conflict)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: $"{system} refused the {what} as conflicting",
                detail: $"{system} {operation}: {result.Reason ?? "the system answered with a conflict"}",
                extensions: new Dictionary<string, object?> { ["system"] = system, ["operation"] = operation, ["reason"] = result.Reason });
        }

        // An operation without a response mapping answers no record: the create still happened.
        var record = result.Records.Count > 0 ? (JsonObject)result.Records[0].DeepClone() : [];
        return TypedResults.Created((string?)null, record);
    }

    private static string IdempotencyKey(HttpRequest http, Dictionary<string, string[]> errors)
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
