using Switchboard.ScreenPop;

namespace Switchboard.Desktop.Pops;

/// <summary>Delivers a screen-pop snapshot to the desktop of the agent the call is offered to.</summary>
public interface IPopPublisher
{
    Task PublishAsync(ScreenPopView view, CancellationToken cancellationToken);
}
