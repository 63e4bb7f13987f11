using Switchboard.Core.Events;

namespace Switchboard.Interactions;

/// <summary>
/// Where every ingress hands its (already validated) events. When the returned task completes, each
/// event is committed to the journal at the configured durability, so the caller may acknowledge it.
/// A repeated event id is reported as <see cref="IngestOutcome.Duplicate"/> and has no second effect.
/// </summary>
public interface IEventIngest
{
    ValueTask<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken);
}
