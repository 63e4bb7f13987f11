using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Switchboard.Server.Authentication;

/// <summary>Writes 401 and 403 as problem details that say what was missing.</summary>
public sealed class AuthorizationProblemWriter(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            var failure = context.Items[ApiKeyAuthenticationHandler.FailureItem] as string;
            await Write(context, StatusCodes.Status401Unauthorized, "Authentication required",
                failure ?? $"Send an API key in the {ApiKeyAuthenticationHandler.HeaderName} header.");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var missing = policy.Requirements.OfType<PermissionRequirement>().Select(r => r.Permission.ToString());
            await Write(context, StatusCodes.Status403Forbidden, "Permission denied",
                $"This key's roles do not grant {string.Join(", ", missing)}.");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
