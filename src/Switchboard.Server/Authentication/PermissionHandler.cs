using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Switchboard.Security;

namespace Switchboard.Server.Authentication;

/// <summary>Grants a <see cref="PermissionRequirement"/> when one of the caller's roles holds the permission.</summary>
public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (RolePermissions.Grants(roles, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
