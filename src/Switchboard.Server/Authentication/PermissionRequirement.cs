using Microsoft.AspNetCore.Authorization;
using Switchboard.Security;

namespace Switchboard.Server.Authentication;

/// <summary>An endpoint's need for one <see cref="Security.Permission"/>.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;
