using Switchboard.Core.Events;

namespace Switchboard.Interactions.Journal;

/// <summary>One caller's events waiting for the next grouped commit, and the caller waiting for its outcome.</summary>
internal sealed class JournalBatch(IReadOnlyList<ContactCenterEvent> events, DateTimeOffset receivedAt)
{
    private readonly TaskCompletionSource<IReadOnlyList<IngestOutcome>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ContactCenterEvent> Events { get; } = events;

    /// <summary>The events as stored, serialized on the caller's thread so the single writer only writes.</summary>
    public string[] Payloads { get; } = [.. events.Select(JournalRow.Payload)];
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
    public IngestOutcome[] Outcomes { get; } = new IngestOutcome[events.Count];
    public Task<IReadOnlyList<IngestOutcome>> Completion => _done.Task;

    public void Complete() => _done.TrySetResult(Outcomes);

    public void Fail(Exception error) => _done.TrySetException(error);
}
