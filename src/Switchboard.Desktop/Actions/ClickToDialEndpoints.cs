using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Core.Phones;
using Switchboard.Ingress.Ami;

namespace Switchboard.Desktop.Actions;

/// <summary>
/// <c>POST /desktop/api/calls</c>: click-to-dial. The number is normalized, then the contact center rings the
/// signed-in agent's phone and dials it (AMI Originate on Asterisk). The call's events then arrive like any
/// other call's, so the outbound call pops like an inbound one.
/// </summary>
internal static class ClickToDialEndpoints
{
    public const string NoContactCenter = "no contact-center system can place calls (configure an ami system)";

    public static RouteGroupBuilder MapClickToDial(this RouteGroupBuilder group)
    {
        group.MapPost("/calls", PlaceCallAsync).WithSummary("Click-to-dial: the contact center rings the agent's phone, then dials the number.");
        return group;
    }

    private static async Task<IResult> PlaceCallAsync(
        PlaceCallRequest request, ClaimsPrincipal user, ConfigurationMonitor configuration, IServiceProvider services, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var current = configuration.Current;
        var region = current?.Phone.DefaultRegion;
        var normalizer = PhoneNormalizer.IsKnownRegion(region) ? new PhoneNormalizer(region!) : services.GetRequiredService<PhoneNormalizer>();
        var number = normalizer.Normalize(request.Number);
        if (!number.IsValid)
        {
            var reason = number.Status == PhoneNormalizationStatus.Withheld
                ? "is empty or a withheld-number marker, not a number to dial"
                : number.Error!;
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["number"] = [$"'{request.Number}' {reason}"] },
                detail: "No call was placed.");
        }

        var actions = services.GetService<IContactCenterActions>();
        var canPlace = current?.Systems.Any(system => system.Protocol == SystemProtocol.Ami && system.Mode is RolloutMode.On or RolloutMode.Pilot) ?? false;
        if (actions is null || !canPlace)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Click-to-dial is not available",
                detail: $"No call was placed: {NoContactCenter}.");
        }

        var agentId = user.FindFirstValue(DesktopAuthentication.AgentIdClaim)!;
        var logger = loggers.CreateLogger(typeof(ClickToDialEndpoints));
        try
        {
            var placed = await actions.PlaceCallAsync(agentId, number.E164!, cancellationToken).ConfigureAwait(false);
            DesktopActionLog.CallPlaced(logger, agentId, placed.System, placed.CallId);
            return TypedResults.Accepted((string?)null, new PlaceCallAccepted(placed.CallId, placed.System, number.E164!));
        }
        catch (ContactCenterActionException ex)
        {
            DesktopActionLog.CallRefused(logger, agentId, ex.Message);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "The contact center did not place the call",
                detail: $"No call was placed: {ex.Message}",
                extensions: new Dictionary<string, object?> { ["reason"] = ex.Message });
        }
    }
}
