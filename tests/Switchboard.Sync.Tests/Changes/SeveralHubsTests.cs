using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Common;
using Switchboard.Core.Orders;
using Switchboard.Storage.Locks;
using Switchboard.Sync.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Changes;

/// <summary>
/// Two hub processes on one PostgreSQL database (two service containers, each with its own stores, applier and
/// connection pool) applying changes about the same records at the same time.
/// </summary>
public sealed class SeveralHubsTests
{
    private const string Erp = "erp";

    [Fact]
    public async Task A_change_waits_while_another_hub_holds_its_record()
    {
        await using var hubA = await SyncHarness.StartAsync(TestStorage.PostgreSql);
        var hubB = hubA.AnotherHub();
        var customer = await hubA.SaveCustomerAsync(Erp, "C-100");
        var order = await hubA.SaveOrderAsync(customer, Erp, "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");

        var locks = hubA.Services.GetRequiredService<RecordLocks>();
        Task<ChangeApplyResult> applying;
        await using (await locks.HoldAsync(ChangeApplier.LockScope, ChangeApplier.LockKey(EntityKind.Order, Erp, "SO-1"), CancellationToken.None))
        {
            applying = hubB.Applier.ApplyAsync(Erp, EntityKind.Order, [Change("SO-1", "shipped", "2025-03-01T10:00:00Z")], CancellationToken.None);
            (await Task.WhenAny(applying, Task.Delay(TimeSpan.FromMilliseconds(500)))).ShouldNotBe(applying, "hub B applied while hub A held the order");
            (await hubA.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Confirmed);

            // Another record is not held up.
            (await hubB.Applier.ApplyAsync(Erp, EntityKind.Order, [Change("SO-2", "submitted", "2025-03-01T10:00:00Z", "C-100")], CancellationToken.None))
                .Created.ShouldBe(1);
        }

        (await applying.WaitAsync(TimeSpan.FromSeconds(10))).Applied.ShouldBe(1);
        (await hubA.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Shipped);
    }

    [Fact]
    public async Task Two_hubs_applying_the_same_feed_at_once_create_each_order_once_and_keep_the_newest_status()
    {
        await using var hubA = await SyncHarness.StartAsync(TestStorage.PostgreSql);
        var hubB = hubA.AnotherHub();
        var customer = await hubA.SaveCustomerAsync(Erp, "C-100");
        const int Orders = 25;
        string Id(int i) => $"SO-{i}";

        // Both hubs receive the same new orders (as two pollers, or a webhook delivered to both) at the same moment.
        JsonObject[] Created() => [.. Enumerable.Range(1, Orders).Select(i => Change(Id(i), "submitted", "2025-03-01T10:00:00Z", "C-100"))];
        var creations = await Task.WhenAll(
            Task.Run(() => hubA.Applier.ApplyAsync(Erp, EntityKind.Order, Created(), CancellationToken.None)),
            Task.Run(() => hubB.Applier.ApplyAsync(Erp, EntityKind.Order, Created(), CancellationToken.None)));

        creations.Sum(r => r.Created).ShouldBe(Orders, "each order is created by one hub");
        creations.Sum(r => r.Duplicates).ShouldBe(Orders, "the other hub finds it made");
        var orders = await hubA.Orders.ListByCustomerAsync(customer, 1000, CancellationToken.None);
        orders.Count.ShouldBe(Orders);
        foreach (var i in Enumerable.Range(1, Orders))
        {
            var link = (await hubA.Links.FindAsync(EntityKind.Order, Erp, Id(i), CancellationToken.None)).ShouldNotBeNull();
            orders.Count(o => o.Id == link.HubId).ShouldBe(1);
        }

        // Then hub A works through five changes of each order, oldest first, while hub B applies the newest of
        // each, last order first: B's change must survive A's older ones whatever the interleaving.
        var stepsA = Enumerable.Range(1, Orders).SelectMany(i => Enumerable.Range(1, 5).Select(m => Change(Id(i), "confirmed", $"2025-03-01T11:0{m}:00Z"))).ToArray();
        var stepsB = Enumerable.Range(1, Orders).Reverse().Select(i => Change(Id(i), "shipped", "2025-03-01T11:06:00Z")).ToArray();
        var updates = await Task.WhenAll(
            Task.Run(async () =>
            {
                var total = new ChangeApplyResult();
                foreach (var step in stepsA)
                {
                    var r = await hubA.Applier.ApplyAsync(Erp, EntityKind.Order, [step], CancellationToken.None);
                    total = total with { Applied = total.Applied + r.Applied, Duplicates = total.Duplicates + r.Duplicates };
                }

                return total;
            }),
            Task.Run(async () =>
            {
                var total = new ChangeApplyResult();
                foreach (var step in stepsB)
                {
                    var r = await hubB.Applier.ApplyAsync(Erp, EntityKind.Order, [step], CancellationToken.None);
                    total = total with { Applied = total.Applied + r.Applied, Duplicates = total.Duplicates + r.Duplicates };
                }

                return total;
            }));

        updates[1].Applied.ShouldBe(Orders, "the newest change of each order is never older than what is stored");
        foreach (var order in await hubA.Orders.ListByCustomerAsync(customer, 1000, CancellationToken.None))
        {
            order.Status.ShouldBe(OrderStatus.Shipped, $"order {order.Number}");
            order.UpdatedAt.ShouldBe(SyncHarness.At("2025-03-01T11:06:00Z"));
        }

        (hubA.Published.All.Count + hubB.Published.All.Count).ShouldBe(Orders + updates[0].Applied + updates[1].Applied, "each applied change is published once, by the hub that applied it");
    }

    private static JsonObject Change(string externalId, string status, string updatedAt, string? customer = null)
    {
        var change = new JsonObject { ["externalId"] = externalId, ["status"] = status, ["updatedAt"] = updatedAt };
        if (customer is not null)
        {
            change["customerExternalId"] = customer;
        }

        return change;
    }
}
