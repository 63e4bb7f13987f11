using System.Reflection;
using System.Security.Claims;
using Switchboard.Configuration;
using Switchboard.Security;
using Switchboard.Server.Hosting;
using Switchboard.Storage;

namespace Switchboard.Server.Endpoints;

public static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (ClaimsPrincipal user, ConfigurationMonitor configuration, IStorageProvider storage, StorageReadiness readiness) =>
        {
            var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
            return TypedResults.Ok(new
            {
                hub = configuration.Running().Hub.Name,
                version = typeof(StatusEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
                storage = storage.Description,
                storageReady = readiness.IsMigrated,
                caller = new
                {
                    name = user.Identity?.Name,
                    roles,
                    permissions = roles.SelectMany(RolePermissions.For).Distinct().Order().Select(p => p.ToString()),
                },
            });
        }).WithTags("Status").WithSummary("The hub's identity and state, and who the caller is.");
        return api;
    }
}
