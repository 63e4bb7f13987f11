using Microsoft.AspNetCore.SignalR;
using Switchboard.Sync;

namespace Switchboard.Desktop.Hubs;

/// <summary>Pushes an applied order or ticket change to every desktop watching the customer (<see cref="AgentHub.Watch"/>).</summary>
public sealed class SignalRRecordChangePublisher(IHubContext<AgentHub> hub) : IRecordChangePublisher
{
    public Task PublishAsync(RecordChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        return hub.Clients.Group(AgentHub.CustomerGroupFor(change.CustomerId)).SendAsync(AgentHub.RecordChangedMethod, change, ct);
    }
}
