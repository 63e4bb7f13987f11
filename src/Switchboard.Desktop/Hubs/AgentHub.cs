using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Switchboard.ScreenPop;

namespace Switchboard.Desktop.Hubs;

/// <summary>
/// The agent desktop's real-time channel (<c>/desktop/hub</c>). A signed-in agent joins the group of
/// their contact-center agent id; pops for calls offered to that id arrive as <c>pop</c> messages.
/// </summary>
[Authorize(Policy = DesktopAuthentication.Policy)]
public sealed class AgentHub(ScreenPopEngine engine) : Hub
{
    public const string Path = "/desktop/hub";
    public const string PopMethod = "pop";

    public static string GroupFor(string agentId) => $"agent:{agentId}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.FindFirst(DesktopAuthentication.AgentIdClaim)?.Value is { } agentId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(agentId));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>The latest pop of a call (for a desktop that connected after it rang).</summary>
    public ScreenPopView? Latest(string callId) => engine.Latest(callId);

    /// <summary>The agent picked one of several matches: the pick is remembered for the number and the pop completes for that customer.</summary>
    public async Task Pick(string callId, string candidateKey)
    {
        await foreach (var view in engine.PickAsync(callId, candidateKey, Context.ConnectionAborted))
        {
            await Clients.Caller.SendAsync(PopMethod, view, Context.ConnectionAborted);
        }
    }
}
