using System.Buffers;

namespace Switchboard.Server.Diagnostics;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is a sane token,
/// otherwise a new one. It is echoed in the response, put in the logging scope of everything the
/// request logs, and returned in problem details.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[HeaderName].ToString();
        var id = IsAcceptable(presented) ? presented : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            var started = TimeProvider.System.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                    TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 64 && !value.AsSpan().ContainsAnyExcept(Allowed);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
