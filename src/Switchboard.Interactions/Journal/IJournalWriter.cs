namespace Switchboard.Interactions.Journal;

/// <summary>Writes a group of batches in ONE transaction and fills in each event's outcome. One writer per journal, never shared.</summary>
internal interface IJournalWriter : IAsyncDisposable
{
    Task WriteAsync(IReadOnlyList<JournalBatch> group, CancellationToken cancellationToken);
}
