using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Switchboard.Desktop.Actions;
using Switchboard.Desktop.Pops;
using Switchboard.ScreenPop;
using Switchboard.Storage.Stores;

namespace Switchboard.Desktop.Hubs;

/// <summary>
/// The agent desktop's real-time channel (<c>/desktop/hub</c>). A signed-in agent joins the group of
/// their contact-center agent id; pops for calls offered to that id arrive as <c>pop</c> messages.
/// </summary>
[Authorize(Policy = DesktopAuthentication.Policy)]
public sealed class AgentHub(ScreenPopEngine engine, InteractionStore interactions, HeldPops held) : Hub
{
    public const string Path = "/desktop/hub";
    public const string PopMethod = "pop";
    public const string RecordChangedMethod = "recordChanged";
    private const int MaxCustomerId = 200;

    public static string GroupFor(string agentId) => $"agent:{agentId}";

    /// <summary>The group of the desktops showing a customer (by the hub's customer id).</summary>
    public static string CustomerGroupFor(string customerId) => $"customer:{customerId}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.FindFirst(DesktopAuthentication.AgentIdClaim)?.Value is { } agentId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(agentId));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>The desktop shows this customer (the hub's id): their orders' and tickets' changes arrive as <c>recordChanged</c>.</summary>
    public Task Watch(string customerId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, CustomerGroupFor(CheckedCustomerId(customerId)), Context.ConnectionAborted);

    /// <summary>The desktop no longer shows this customer.</summary>
    public Task Unwatch(string customerId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, CustomerGroupFor(CheckedCustomerId(customerId)), Context.ConnectionAborted);

    private static string CheckedCustomerId(string customerId) =>
        string.IsNullOrWhiteSpace(customerId) || customerId.Length > MaxCustomerId
            ? throw new HubException($"customerId must be 1 to {MaxCustomerId} characters")
            : customerId;

    /// <summary>The latest pop of a call (for a desktop that connected after it rang); only of the agent's own call.</summary>
    public async Task<ScreenPopView?> Latest(string callId)
    {
        await RefuseUnlessOwnAsync(callId, "see its pop");
        return await held.LatestAsync(callId, Context.ConnectionAborted);
    }

    /// <summary>
    /// The agent picked one of several matches: the pick is remembered for the number and the pop completes for that
    /// customer. Only for the agent's own call.
    /// </summary>
    public async Task Pick(string callId, string candidateKey)
    {
        await RefuseUnlessOwnAsync(callId, "pick among its matches");
        // Another hub process may have run the pop: this one runs it too before the pick.
        await held.LatestAsync(callId, Context.ConnectionAborted);
        await foreach (var view in engine.PickAsync(callId, candidateKey, Context.ConnectionAborted))
        {
            await Clients.Caller.SendAsync(PopMethod, view, Context.ConnectionAborted);
        }
    }

    private async Task RefuseUnlessOwnAsync(string callId, string action)
    {
        if (string.IsNullOrWhiteSpace(callId))
        {
            throw new HubException("callId is required");
        }

        var agentId = Context.User?.FindFirst(DesktopAuthentication.AgentIdClaim)?.Value
            ?? throw new HubException("This account is not linked to a contact-center agent.");
        if (await CallOwnership.WhyNotOwnAsync(callId, agentId, engine, interactions, Context.ConnectionAborted) is { } why)
        {
            throw new HubException($"{why}; only its own agent may {action}.");
        }
    }
}
