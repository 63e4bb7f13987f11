using Microsoft.AspNetCore.SignalR;
using Switchboard.Desktop.Pops;
using Switchboard.ScreenPop;

namespace Switchboard.Desktop.Hubs;

/// <summary>Pushes each snapshot to the desktops of the agent the call is offered to (every tab they have open).</summary>
public sealed class SignalRPopPublisher(IHubContext<AgentHub> hub) : IPopPublisher
{
    public Task PublishAsync(ScreenPopView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.AgentId is { } agentId
            ? hub.Clients.Group(AgentHub.GroupFor(agentId)).SendAsync(AgentHub.PopMethod, view, cancellationToken)
            : Task.CompletedTask;
    }
}
