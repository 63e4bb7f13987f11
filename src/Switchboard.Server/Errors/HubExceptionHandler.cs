using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Common;

namespace Switchboard.Server.Errors;

/// <summary>
/// Turns exceptions into RFC 9457 problem details: a malformed or oversize body says what is wrong
/// (JSON path and line, or the limit); a database outage is a 503; anything else a 500 that names the
/// correlation id and never the exception's text.
/// </summary>
public sealed partial class HubExceptionHandler(IProblemDetailsService problems, ILogger<HubExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                // The detail naming the limit comes from ProblemDefaults, as for every 413.
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = bad.Message,
            },
            DbException or TimeoutException when IsStorageFailure(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "The hub cannot reach its database right now; retry later. /health/ready reports the cause.",
            },
            System.Threading.Channels.ChannelClosedException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Shutting down",
                Detail = "The hub is stopping and takes no more events; retry against another instance or after the restart.",
            },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path.Value ?? "/");
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = $"The hub failed to handle this request. Quote correlation id {context.TraceIdentifier} to an administrator.",
            };
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogStorageFailure(logger, exception);
        }

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails BadJson(JsonException json) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Malformed JSON",
        Detail = JsonErrors.Describe(json),
    };

    private static bool IsStorageFailure(Exception exception) =>
        exception is DbException || exception.InnerException is DbException || exception.Source?.StartsWith("Npgsql", StringComparison.Ordinal) == true;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Storage unavailable while handling a request")]
    private static partial void LogStorageFailure(ILogger logger, Exception exception);
}
