using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Switchboard.Security;

namespace Switchboard.Server.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>API-key authentication, one policy per <see cref="Permission"/>, and every route closed by default.</summary>
    public static IServiceCollection AddHubAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(options =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                options.AddPolicy(permission.ToString(), p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }

            // Every route needs a key unless it says AllowAnonymous (health, OpenAPI, home page).
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblemWriter>();
        return services;
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission.ToString());
}
