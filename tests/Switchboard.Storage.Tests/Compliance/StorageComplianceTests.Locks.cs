using Switchboard.Storage.Locks;

namespace Switchboard.Storage.Tests.Compliance;

public abstract partial class StorageComplianceTests
{
    [Fact]
    public async Task A_record_lock_keeps_a_second_holder_of_the_same_name_waiting_and_no_other()
    {
        // On PostgreSQL the second holder is another provider, as a second hub process would have; on SQLite (one
        // process per file) the same one.
        var mine = new RecordLocks(Provider);
        var theirs = Provider.Kind == StorageProviderKind.PostgreSql ? new RecordLocks(Fixture.CreateProvider()) : mine;

        Task<IAsyncDisposable> waiting;
        await using (await mine.HoldAsync("test.scope", "order/erp/SO-1", Ct))
        {
            waiting = theirs.HoldAsync("test.scope", "order/erp/SO-1", Ct).AsTask();
            (await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(300)))).ShouldNotBe(waiting);

            // Another name, and the same name in another scope, are free (names chosen not to share a stripe on SQLite).
            await using (await theirs.HoldAsync("test.scope", "order/erp/SO-2", Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
            {
            }

            await using (await theirs.HoldAsync("other.scope", "order/erp/SO-1", Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
            {
            }

            // A waiter that gives up holds nothing.
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Should.ThrowAsync<OperationCanceledException>(() => theirs.HoldAsync("test.scope", "order/erp/SO-1", giveUp.Token).AsTask());
            waiting.IsCompleted.ShouldBeFalse();
        }

        await using (await waiting.WaitAsync(TimeSpan.FromSeconds(10)))
        {
        }

        // Released again: the name can be held at once.
        await using (await mine.HoldAsync("test.scope", "order/erp/SO-1", Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
        }
    }
}
