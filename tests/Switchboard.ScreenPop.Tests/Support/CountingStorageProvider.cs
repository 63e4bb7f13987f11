using System.Data;
using System.Data.Common;
using Switchboard.Storage;

namespace Switchboard.ScreenPop.Tests.Support;

/// <summary>The real provider, counting the connections opened and how many are open at once (the most since <see cref="Reset"/>), each handed over after <see cref="OpenDelay"/>.</summary>
public sealed class CountingStorageProvider(IStorageProvider inner) : IStorageProvider
{
    private int _open;
    private int _most;
    private int _opened;

    public int MostOpen => Volatile.Read(ref _most);

    /// <summary>How many connections were opened in all.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>How long each connection takes to hand over once open (a database farther away, or busier).</summary>
    public TimeSpan OpenDelay { get; set; }

    public StorageProviderKind Kind => inner.Kind;

    public string Description => inner.Description;

    public void Reset() => Volatile.Write(ref _most, Volatile.Read(ref _open));

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await inner.OpenAsync(ct);
        Interlocked.Increment(ref _opened);
        var now = Interlocked.Increment(ref _open);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }

        var closed = 0;
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState == ConnectionState.Closed && Interlocked.Exchange(ref closed, 1) == 0)
            {
                Interlocked.Decrement(ref _open);
            }
        };
        if (OpenDelay > TimeSpan.Zero)
        {
            await Task.Delay(OpenDelay, ct);
        }

        return connection;
    }

    public ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) => inner.BeginSnapshotAsync(connection, ct);

    public Task PingAsync(CancellationToken ct) => inner.PingAsync(ct);
}
