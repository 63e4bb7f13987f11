using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Security.Accounts;

namespace Switchboard.Desktop.SignIn;

/// <summary>
/// Agent sign-in for the desktop: <c>POST /desktop/api/sign-in</c> checks the local account
/// (PBKDF2, lockout after repeated failures) and sets the session cookie; <c>POST /desktop/api/sign-out</c>
/// ends it; <c>GET /desktop/api/me</c> says who is signed in.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapDesktopSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/desktop/api").WithTags("Agent desktop");
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        group.MapPost("/sign-out", (Delegate)SignOutAsync).RequireAuthorization(DesktopAuthentication.Policy);
        group.MapGet("/me", Me).RequireAuthorization(DesktopAuthentication.Policy);
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, AccountService accounts, HttpContext context, CancellationToken cancellationToken)
    {
        var verification = await accounts.VerifyAsync(request.Username, request.Password, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded || verification.Account is not { } account)
        {
            var status = verification.Outcome == AccountVerificationOutcome.LockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized;
            return TypedResults.Problem(statusCode: status, title: "Sign-in failed", detail: verification.Failure);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role),
            new Claim(DesktopAuthentication.UsernameClaim, account.Username),
            new Claim(DesktopAuthentication.AgentIdClaim, account.AgentId),
        ], DesktopAuthentication.Scheme);
        await context.SignInAsync(DesktopAuthentication.Scheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        return TypedResults.Ok(new DesktopAgent(account.Username, account.DisplayName, account.AgentId, account.Role));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(DesktopAuthentication.Scheme).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static IResult Me(ClaimsPrincipal user) => TypedResults.Ok(new DesktopAgent(
        user.FindFirstValue(DesktopAuthentication.UsernameClaim) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        user.FindFirstValue(DesktopAuthentication.AgentIdClaim) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Role) ?? string.Empty));
}
