using System.Data.Common;
using Switchboard.Core.Interactions;

namespace Switchboard.Interactions.Assembly;

/// <summary>
/// Told about every interaction the assembler changes, INSIDE the assembler's transaction, so what it writes (outbox
/// messages) commits together with the change or not at all; then told once the transaction committed. Flows that
/// send interactions to other systems (call logging) are observers.
/// </summary>
public interface IInteractionObserver
{
    /// <param name="before">The interaction as stored before this batch; null when the batch created it.</param>
    /// <param name="after">The interaction as this batch stores it.</param>
    /// <param name="fresh">The events this batch added to its timeline.</param>
    Task OnChangedAsync(Interaction? before, Interaction after, IReadOnlyList<InteractionEvent> fresh, DbConnection connection, DbTransaction transaction, CancellationToken ct);

    /// <summary>The batch committed (what <see cref="OnChangedAsync"/> wrote is durable): wake whoever delivers it.</summary>
    void OnCommitted();
}
