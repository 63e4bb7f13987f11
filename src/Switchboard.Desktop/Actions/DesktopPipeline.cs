using Switchboard.Delivery;
using Switchboard.Delivery.Dispatch;
using Switchboard.Delivery.Outbox;

namespace Switchboard.Desktop.Actions;

/// <summary>Sends a desktop action's write through the delivery outbox and waits a little for the system's answer.</summary>
public sealed class DesktopPipeline(Outbox outbox, DeliveryOutcomes outcomes, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    /// <returns>How the message ended, or null when it is still queued after <paramref name="wait"/>.</returns>
    public async Task<DeliveryResult?> SendAsync(DeliveryMessage message, TimeSpan wait, CancellationToken ct)
    {
        outcomes.Expect(message.Id);
        await outbox.EnqueueAsync([message], ct).ConfigureAwait(false);
        return await outcomes.WaitAsync(message.Id, wait, ct).ConfigureAwait(false);
    }
}
