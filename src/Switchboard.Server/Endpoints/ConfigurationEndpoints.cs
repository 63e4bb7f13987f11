using Switchboard.Configuration;
using Switchboard.Security;
using Switchboard.Server.Hosting;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.Endpoints;

public static class ConfigurationEndpoints
{
    public static RouteGroupBuilder MapConfigurationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/configuration").WithTags("Configuration");
        group.MapGet("/check", (ConfigurationMonitor monitor) => TypedResults.Ok(new
        {
            directory = monitor.Running().Directory,
            fingerprint = monitor.Running().Fingerprint,
            lastReloadErrors = monitor.LastErrors.Select(e => e.ToString()),
            capabilities = CapabilityCheck.Run(monitor.Running()),
        }))
            .RequirePermission(Permission.ConfigurationRead)
            .WithSummary("What each capability can do with the running configuration, and what it is missing.");

        group.MapPost("/reload", (ConfigurationMonitor monitor) =>
        {
            var result = monitor.Reload();
            return result.Outcome != ReloadOutcome.Rejected
                ? Results.Ok(new { outcome = result.Outcome.ToString(), fingerprint = monitor.Running().Fingerprint, warnings = result.Warnings })
                : Results.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Configuration refused",
                    detail: "The files on disk are invalid; the last good configuration keeps running.",
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(e => e.ToString()).ToArray() });
        })
            .RequirePermission(Permission.ConfigurationManage)
            .WithSummary("Reload the configuration files now; an invalid set is refused and changes nothing.");
        return api;
    }
}
