using System.Data.Common;
using System.Threading.Channels;
using Switchboard.Storage;

namespace Switchboard.Delivery.Dispatch;

/// <summary>
/// Writes many small items in few transactions: callers add an item and wait; one loop takes whatever has queued and
/// writes it all in one transaction, then answers every caller. Settling thousands of messages a second then costs a
/// handful of commits, not thousands.
/// </summary>
internal sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<(T Item, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IStorageProvider _storage;
    private readonly Func<DbConnection, DbTransaction, IReadOnlyList<T>, CancellationToken, Task> _write;
    private readonly int _maxGroup;
    private readonly Task _loop;

    public GroupCommit(IStorageProvider storage, Func<DbConnection, DbTransaction, IReadOnlyList<T>, CancellationToken, Task> write, int maxGroup = 1000)
    {
        _storage = storage;
        _write = write;
        _maxGroup = maxGroup;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the item is committed; throws what the commit threw.</summary>
    public Task AddAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(GroupCommit<T>)));
        }

        return done.Task;
    }

    private async Task RunAsync()
    {
        var group = new List<(T Item, TaskCompletionSource Done)>();
        DbConnection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                group.Clear();
                while (group.Count < _maxGroup && _queue.Reader.TryRead(out var entry))
                {
                    group.Add(entry);
                }

                try
                {
                    connection ??= await _storage.OpenAsync(CancellationToken.None);
                    await using (var transaction = await connection.BeginTransactionAsync())
                    {
                        await _write(connection, transaction, [.. group.Select(g => g.Item)], CancellationToken.None);
                        await transaction.CommitAsync();
                    }

                    foreach (var entry in group)
                    {
                        entry.Done.TrySetResult();
                    }
                }
                catch (Exception ex)
                {
                    // The connection may be in any state after a failure: start afresh next time.
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    foreach (var entry in group)
                    {
                        entry.Done.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
