using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Switchboard.Security.ApiKeys;

namespace Switchboard.Server.Authentication;

/// <summary>
/// Authenticates a request by its API key, from <c>X-Api-Key</c> or <c>Authorization: ApiKey ...</c>.
/// A request without a key is anonymous (and refused by the fallback policy); a wrong key fails with
/// a reason the 401 problem details repeat.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "switchboard:api_key_id";
    internal const string FailureItem = "switchboard:auth_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var verification = await keys.VerifyAsync(presented, Context.RequestAborted);
        if (!verification.Succeeded)
        {
            Context.Items[FailureItem] = verification.Failure;
            return AuthenticateResult.Fail(verification.Failure!);
        }

        var key = verification.Key!;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"apikey:{key.Id}"),
            new(ClaimTypes.Name, key.Name),
            new(KeyIdClaim, key.Id),
        };
        claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The 401 body is written by AuthorizationProblemWriter; here only the header.
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private static string? ReadKey(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        if (header.Length > 0)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string prefix = SchemeName + " ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? authorization[prefix.Length..].Trim() : null;
    }
}
