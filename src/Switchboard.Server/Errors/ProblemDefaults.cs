using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.Server.Errors;

/// <summary>What every problem-details answer carries, and the details ASP.NET Core leaves empty.</summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Instance ??= http.Request.Path;
        problem.Extensions["correlationId"] = http.TraceIdentifier;
        problem.Detail ??= problem.Status switch
        {
            // Minimal APIs answer an oversize body themselves, without passing through the exception handler.
            StatusCodes.Status413PayloadTooLarge =>
                $"The request body exceeds the limit of {http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes (server.limits.maxRequestBodyBytes).",
            StatusCodes.Status404NotFound => $"Nothing is served at {http.Request.Method} {http.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not accept {http.Request.Method}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => null,
        };
    }
}
