using System.Collections.Concurrent;

namespace Switchboard.Sync.Tests.Support;

/// <summary>Keeps what the applier published, in order; <see cref="OnPublish"/> runs inside the publish, while the change is being applied.</summary>
public sealed class RecordedChanges : IRecordChangePublisher
{
    private readonly ConcurrentQueue<RecordChange> _changes = new();

    public Func<RecordChange, Task>? OnPublish { get; set; }

    public IReadOnlyList<RecordChange> All => [.. _changes];

    public async Task PublishAsync(RecordChange change, CancellationToken ct)
    {
        if (OnPublish is { } hook)
        {
            await hook(change);
        }

        _changes.Enqueue(change);
    }

    public void Clear() => _changes.Clear();
}
