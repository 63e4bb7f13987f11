using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Security;

namespace Switchboard.Ingress.Tests.Soap;

/// <summary>
/// Stands in for the hub's API-key handler (which needs the key store): two fixed keys, one with the
/// <c>system</c> role (EventsWrite) and one with <c>auditor</c> (no EventsWrite); any other key fails.
/// </summary>
public sealed class TestApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string EventsKey = "sbk_test_events";
    public const string ReadOnlyKey = "sbk_test_auditor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers["X-Api-Key"].ToString();
        if (key.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var role = key switch
        {
            EventsKey => Roles.System,
            ReadOnlyKey => Roles.Auditor,
            _ => null,
        };
        if (role is null)
        {
            // The hub's handler leaves its reason here for the 401 writer (ApiKeyAuthenticationHandler.FailureItem).
            Context.Items["switchboard:auth_failure"] = "The API key is not known.";
            return Task.FromResult(AuthenticateResult.Fail("The API key is not known."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"X-Api-Key\"";
        Response.StatusCode = 401;
        return Task.CompletedTask;
    }
}
