using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Core.Events;
using Switchboard.Desktop.Pops;
using Switchboard.Flows.CallLogging;
using Switchboard.Interactions;
using Switchboard.ScreenPop;
using Switchboard.Storage.Stores;

namespace Switchboard.Desktop.Actions;

/// <summary>
/// What the agent does from the desktop, turned into contact-center events through the same ingest as
/// every other source, so interactions and agent states are built in one place:
/// <c>GET|POST /desktop/api/state</c> (agent.ready / agent.not_ready), <c>POST /desktop/api/calls/{callId}/wrap-up</c>
/// (call.wrapup_completed) and <c>GET /desktop/api/dispositions</c>; tickets, orders (<see cref="DesktopRecordEndpoints"/>)
/// and click-to-dial (<see cref="ClickToDialEndpoints"/>) go to the configured systems. The agent id always comes from the
/// session, never from the request.
/// </summary>
public static class DesktopActionEndpoints
{
    /// <summary>The <c>source</c> of the events the desktop ingests.</summary>
    public const string Source = "desktop";

    public static IEndpointRouteBuilder MapDesktopActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/desktop/api").WithTags("Agent desktop").RequireAuthorization(DesktopAuthentication.Policy);
        group.MapGet("/state", GetStateAsync).WithSummary("The signed-in agent's state as the hub last saw it.");
        group.MapPost("/state", SetStateAsync).WithSummary("Set the signed-in agent ready or not ready (with a reason).");
        group.MapGet("/dispositions", Dispositions).WithSummary("The wrap-up dispositions to choose from, with English and Chinese labels.");
        group.MapGet("/settings", DesktopSettings).WithSummary("What the desktop offers: the system unknown callers can be created in (null: none).");
        group.MapPost("/calls/{callId}/wrap-up", WrapUpAsync).WithSummary("Finish after-call work: the disposition and notes complete the interaction.");
        group.MapDesktopRecords();
        group.MapDesktopCustomers();
        group.MapClickToDial();
        return app;
    }

    private static async Task<IResult> GetStateAsync(ClaimsPrincipal user, AgentStore agents, CancellationToken cancellationToken)
    {
        var agentId = AgentId(user);
        var agent = await agents.GetAsync(agentId, cancellationToken).ConfigureAwait(false);
        var state = JsonNamingPolicy.CamelCase.ConvertName((agent?.State ?? Core.Agents.AgentState.LoggedOut).ToString());
        return TypedResults.Ok(new AgentStateView(agentId, state, agent?.StateReason));
    }

    private static async Task<IResult> SetStateAsync(
        AgentStateRequest request, ClaimsPrincipal user, IEventIngest ingest, ContactCenterEventValidator validator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var type = request.State switch
        {
            "ready" => EventTypes.AgentReady,
            "notReady" => EventTypes.AgentNotReady,
            _ => null,
        };
        if (type is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["state"] = [$"'{request.State}' is not one of ready, notReady"] },
                detail: "Nothing was changed.");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) || type == EventTypes.AgentReady ? null : request.Reason.Trim();
        var e = NewEvent(type, user, clock) with { Reason = reason };
        return await IngestAsync(e, ingest, validator, cancellationToken).ConfigureAwait(false);
    }

    private static IResult DesktopSettings(ConfigurationMonitor configuration) =>
        TypedResults.Ok(new DesktopSettingsView(DesktopCustomerEndpoints.CanCreateIn(configuration.Current)));

    private static IResult Dispositions(ConfigurationMonitor configuration) =>
        TypedResults.Ok(Settings(configuration).Dispositions);

    private static async Task<IResult> WrapUpAsync(
        string callId, WrapUpRequest request, ClaimsPrincipal user, IEventIngest ingest, ContactCenterEventValidator validator,
        ConfigurationMonitor configuration, ScreenPopEngine pops, InteractionStore interactions, HeldPops held, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await CallOwnership.RefuseUnlessOwnAsync(callId, AgentId(user), "wrap it up", pops, interactions, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var settings = Settings(configuration);
        if (settings.FindDisposition(request.Disposition) is null)
        {
            var allowed = string.Join(", ", settings.Dispositions.Select(d => d.Code));
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["disposition"] = [$"'{request.Disposition}' is not one of {allowed}"] },
                detail: $"Choose one of the configured dispositions: {allowed}. Nothing was changed.");
        }

        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        var e = NewEvent(EventTypes.CallWrapUpCompleted, user, clock) with
        {
            CallId = callId,
            Disposition = request.Disposition,
            Notes = notes,
            Attributes = ChosenCustomer(await held.LatestAsync(callId, cancellationToken).ConfigureAwait(false)),
        };
        return await IngestAsync(e, ingest, validator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The customer the pop shows for the call (the only match, or the one the agent picked), as its id in each system:
    /// call logging writes the activity against that customer, never against every contact sharing the number.
    /// </summary>
    private static Dictionary<string, string> ChosenCustomer(ScreenPopView? view)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in view?.Customer?.Links ?? [])
        {
            attributes.TryAdd(CallLoggingFlow.CustomerAttributePrefix + link.System, link.ExternalId);
        }

        return attributes;
    }

    private static async Task<IResult> IngestAsync(ContactCenterEvent e, IEventIngest ingest, ContactCenterEventValidator validator, CancellationToken cancellationToken)
    {
        var errors = validator.Validate(e);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(FieldError.ByField(errors), detail: "Nothing was changed.");
        }

        await ingest.IngestAsync([e], cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null, new DesktopActionAccepted(e.EventId, e.Type));
    }

    private static ContactCenterEvent NewEvent(string type, ClaimsPrincipal user, TimeProvider clock) => new()
    {
        // A fresh id per action: the agent pressing the button twice means two events.
        EventId = $"desktop-{Guid.NewGuid():N}",
        Type = type,
        OccurredAt = clock.GetUtcNow(),
        AgentId = AgentId(user),
        Source = Source,
    };

    // The policy requires the claim, so it is always there.
    internal static string AgentId(ClaimsPrincipal user) => user.FindFirstValue(DesktopAuthentication.AgentIdClaim)!;

    private static DesktopSettings Settings(ConfigurationMonitor configuration) => configuration.Current?.Desktop ?? new DesktopSettings();
}
