using Switchboard.Delivery.Dispatch;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Tests.Support;
using Switchboard.Delivery.Transport;
using Switchboard.Delivery.Transport.Embedded;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Embedded;

/// <summary>The embedded queue's leases against a real PostgreSQL, where rows become visible out of <c>seq</c> order.</summary>
public sealed class EmbeddedTransportTests
{
    private const string Target = "crm";

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Confirming_a_lease_records_its_key_and_removes_its_row(TestStorage kind)
    {
        await using var database = await DeliveryDatabase.CreateAsync(kind);
        var signal = new DeliverySignal();
        await using var transport = new EmbeddedTransport(database.Storage, signal);
        await transport.StartAsync(CancellationToken.None);
        await using var keys = new ConfirmedKeys(database.Storage, TimeProvider.System);
        await new Outbox.Outbox(database.Storage, signal, TimeProvider.System).EnqueueAsync([DeliveryDatabase.Message(Target, "r-1", "m-1")], CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var leases = transport.ConsumeAsync(Target, window: 4, stop.Token).GetAsyncEnumerator(stop.Token);
        (await leases.MoveNextAsync()).ShouldBeTrue();
        (await keys.ContainsAsync(Target, "test:m-1", stop.Token)).ShouldBeFalse();
        await leases.Current.ConfirmAsync(keys, stop.Token);

        (await keys.ContainsAsync(Target, "test:m-1", stop.Token)).ShouldBeTrue();
        (await transport.CountPendingAsync(Target, stop.Token)).ShouldBe(0);
        await stop.CancelAsync();
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Rows_written_after_the_newest_rows_were_settled_are_leased_even_when_their_seqs_come_again(TestStorage kind)
    {
        // SQLite numbers a new row from the highest seq left in the table: once rows 1 and 2 are settled (deleted),
        // the next row is 1 again. Reads go on after the highest leased row, never after the highest ever read.
        await using var database = await DeliveryDatabase.CreateAsync(kind);
        var signal = new DeliverySignal();
        await using var transport = new EmbeddedTransport(database.Storage, signal);
        await transport.StartAsync(CancellationToken.None);
        var outbox = new Outbox.Outbox(database.Storage, signal, TimeProvider.System);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var leases = transport.ConsumeAsync(Target, window: 4, stop.Token).GetAsyncEnumerator(stop.Token);

        await outbox.EnqueueAsync([DeliveryDatabase.Message(Target, "r-1", "m-1"), DeliveryDatabase.Message(Target, "r-2", "m-2")], stop.Token);
        (await leases.MoveNextAsync()).ShouldBeTrue();
        var first = leases.Current;
        (await leases.MoveNextAsync()).ShouldBeTrue();
        await leases.Current.SettleAsync(stop.Token);
        await first.SettleAsync(stop.Token);
        (await transport.CountPendingAsync(Target, stop.Token)).ShouldBe(0);

        await outbox.EnqueueAsync([DeliveryDatabase.Message(Target, "r-3", "m-3")], stop.Token);
        (await leases.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), stop.Token)).ShouldBeTrue();
        leases.Current.Message.Id.ShouldBe("m-3");

        // And with a row still leased: rows after it are found without reading the leased one again.
        await outbox.EnqueueAsync([DeliveryDatabase.Message(Target, "r-4", "m-4")], stop.Token);
        (await leases.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), stop.Token)).ShouldBeTrue();
        leases.Current.Message.Id.ShouldBe("m-4");
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Of_two_hub_processes_one_consumes_a_target_and_the_other_takes_over_when_it_stops()
    {
        // Two transports on one PostgreSQL database, each with its own wake-up signal, as two hub processes have.
        await using var database = await DeliveryDatabase.CreateAsync(TestStorage.PostgreSql);
        var options = new EmbeddedTransportOptions { IdleLook = TimeSpan.FromMilliseconds(100) };
        var signalA = new DeliverySignal();
        await using var hubA = new EmbeddedTransport(database.Storage, signalA, options);
        await using var hubB = new EmbeddedTransport(database.Storage, new DeliverySignal(), options);
        await hubA.StartAsync(CancellationToken.None);
        await hubB.StartAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await new Outbox.Outbox(database.Storage, signalA, TimeProvider.System).EnqueueAsync(
            [DeliveryDatabase.Message(Target, "r-1", "m-1"), DeliveryDatabase.Message(Target, "r-1", "m-2"), DeliveryDatabase.Message(Target, "r-1", "m-3")], stop.Token);

        var leasesA = hubA.ConsumeAsync(Target, window: 2, stop.Token).GetAsyncEnumerator(stop.Token);
        (await leasesA.MoveNextAsync()).ShouldBeTrue();
        var first = leasesA.Current;
        first.Message.Id.ShouldBe("m-1");
        await using var leasesB = hubB.ConsumeAsync(Target, window: 2, stop.Token).GetAsyncEnumerator(stop.Token);
        var nextB = leasesB.MoveNextAsync().AsTask();
        (await leasesA.MoveNextAsync()).ShouldBeTrue();
        leasesA.Current.Message.Id.ShouldBe("m-2");
        (await Task.WhenAny(nextB, Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token))).ShouldNotBe(nextB, "hub B leased while hub A consumes the target");

        // Hub A settles m-1 and stops with m-2 leased, perhaps sent: hub B takes over, with m-2 marked as perhaps sent.
        await first.SettleAsync(stop.Token);
        await leasesA.DisposeAsync();
        (await nextB.WaitAsync(TimeSpan.FromSeconds(10), stop.Token)).ShouldBeTrue();
        leasesB.Current.Message.Id.ShouldBe("m-2");
        leasesB.Current.Redelivered.ShouldBeTrue("hub A may have sent it before it stopped");
        (await leasesB.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), stop.Token)).ShouldBeTrue();
        leasesB.Current.Message.Id.ShouldBe("m-3");
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_settled_row_that_an_earlier_read_returned_is_never_leased_again()
    {
        // PostgreSQL hands out seq when a row is inserted, not when it commits: row 1 commits after row 2, so a read
        // returns [1, 2] after 2 was leased. While the consumer waits for a slot for 1, 2 is settled (deleted); the
        // read's copy of 2 must not become a second lease (a dead letter would be sent again).
        await using var database = await DeliveryDatabase.CreateAsync(TestStorage.PostgreSql);
        var signal = new DeliverySignal();
        await using var transport = new EmbeddedTransport(database.Storage, signal, new EmbeddedTransportOptions { IdleLook = TimeSpan.FromMilliseconds(100) });
        await transport.StartAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var late = await database.Storage.OpenAsync(stop.Token);
        await using var lateTransaction = await late.BeginTransactionAsync(stop.Token);
        await Outbox.Outbox.AddAsync(late, lateTransaction, [DeliveryDatabase.Message(Target, "r-1", "first")], stop.Token);
        await using (var early = await database.Storage.OpenAsync(stop.Token))
        await using (var earlyTransaction = await early.BeginTransactionAsync(stop.Token))
        {
            await Outbox.Outbox.AddAsync(early, earlyTransaction, [DeliveryDatabase.Message(Target, "r-2", "second")], stop.Token);
            await earlyTransaction.CommitAsync(stop.Token);
        }

        await using var leases = transport.ConsumeAsync(Target, window: 1, stop.Token).GetAsyncEnumerator(stop.Token);
        (await leases.MoveNextAsync()).ShouldBeTrue();
        var second = leases.Current;
        second.Message.Id.ShouldBe("second");

        await lateTransaction.CommitAsync(stop.Token);
        signal.Notify(Target);
        var next = leases.MoveNextAsync().AsTask();
        // The consumer reads [first, second] and waits for the one slot, which "second" holds.
        await Task.Delay(500, stop.Token);
        next.IsCompleted.ShouldBeFalse("the window of one is taken by the lease of 'second'");

        await second.SettleAsync(stop.Token);
        (await next.WaitAsync(TimeSpan.FromSeconds(5), stop.Token)).ShouldBeTrue();
        var first = leases.Current;
        first.Message.Id.ShouldBe("first");
        await first.SettleAsync(stop.Token);

        var again = leases.MoveNextAsync().AsTask();
        if (await Task.WhenAny(again, Task.Delay(1000, stop.Token)) == again && await again)
        {
            throw new ShouldAssertException($"'{leases.Current.Message.Id}' was leased again after it was settled");
        }

        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(again);
    }
}
