using System.Text.Json.Nodes;
using Switchboard.Core.Common;
using Switchboard.Core.Orders;
using Switchboard.Core.Tickets;
using Switchboard.Sync.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Sync.Tests.Changes;

/// <summary>The one applier every inbound change goes through, on real SQLite and PostgreSQL.</summary>
public sealed class ChangeApplierTests
{
    private const string Erp = "erp";

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_change_newer_than_the_hubs_copy_updates_the_order_and_is_published(TestStorage storage)
    {
        await using var hub = await SyncHarness.StartAsync(storage);
        var customer = await hub.SaveCustomerAsync(Erp, "C-100");
        var order = await hub.SaveOrderAsync(customer, Erp, "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");

        var result = await hub.Applier.ApplyAsync(Erp, EntityKind.Order, [Change("SO-1", "shipped", "2025-03-01T10:00:00.123Z")], CancellationToken.None);

        result.Applied.ShouldBe(1);
        var stored = (await hub.Orders.GetAsync(order.Id, CancellationToken.None)).ShouldNotBeNull();
        stored.Status.ShouldBe(OrderStatus.Shipped);
        stored.UpdatedAt.ShouldBe(SyncHarness.At("2025-03-01T10:00:00.123Z"));
        stored.Lines.ShouldBe(order.Lines, "a status change keeps the order's lines");
        stored.CrossReferences.ShouldHaveSingleItem().Version.ShouldBe("2025-03-01T10:00:00.1230000+00:00");
        hub.Published.All.ShouldBe([new RecordChange(customer, "order", order.Id, Erp, "SO-1", "SO-1", "shipped", SyncHarness.At("2025-03-01T10:00:00.123Z"))]);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task The_same_change_again_is_a_duplicate_and_is_not_published_again(TestStorage storage)
    {
        await using var hub = await SyncHarness.StartAsync(storage);
        var customer = await hub.SaveCustomerAsync(Erp, "C-100");
        await hub.SaveOrderAsync(customer, Erp, "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");
        // Sub-millisecond digits: the hub keeps milliseconds, and the resend must still compare equal.
        var change = Change("SO-1", "shipped", "2025-03-01T10:00:00.1234567Z");
        await hub.Applier.ApplyAsync(Erp, EntityKind.Order, [change], CancellationToken.None);

        var again = await hub.Applier.ApplyAsync(Erp, EntityKind.Order, [(JsonObject)change.DeepClone()], CancellationToken.None);

        again.Duplicates.ShouldBe(1);
        again.Applied.ShouldBe(0);
        again.Changes.ShouldBeEmpty();
        hub.Published.All.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task An_older_change_is_ignored_and_the_newer_status_stays(TestStorage storage)
    {
        await using var hub = await SyncHarness.StartAsync(storage);
        var customer = await hub.SaveCustomerAsync(Erp, "C-100");
        var order = await hub.SaveOrderAsync(customer, Erp, "SO-1", OrderStatus.Shipped, "2025-03-01T10:00:00Z");

        var result = await hub.Applier.ApplyAsync(Erp, EntityKind.Order,
            [Change("SO-1", "confirmed", "2025-03-01T09:59:59.999Z"), Change("SO-1", "delivered", "2025-03-01T11:00:00Z"), Change("SO-1", "inProgress", "2025-03-01T10:30:00Z")],
            CancellationToken.None);

        result.Applied.ShouldBe(1);
        result.Duplicates.ShouldBe(2);
        (await hub.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Delivered);
        hub.Published.All.Select(c => c.Status).ShouldBe(["delivered"]);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task An_order_the_hub_does_not_know_is_created_for_a_customer_it_knows_and_skipped_otherwise(TestStorage storage)
    {
        await using var hub = await SyncHarness.StartAsync(storage);
        var customer = await hub.SaveCustomerAsync(Erp, "C-100");
        var known = Change("SO-7", "submitted", "2025-03-01T10:00:00Z");
        known["customerExternalId"] = "C-100";
        known["currency"] = "eur";
        var stranger = Change("SO-8", "submitted", "2025-03-01T10:00:00Z");
        stranger["customerExternalId"] = "C-999";

        var result = await hub.Applier.ApplyAsync(Erp, EntityKind.Order, [known, stranger, Change("SO-9", "submitted", "2025-03-01T10:00:00Z")], CancellationToken.None);

        result.Created.ShouldBe(1);
        result.Skipped.ShouldBe(2);
        var link = (await hub.Links.FindAsync(EntityKind.Order, Erp, "SO-7", CancellationToken.None)).ShouldNotBeNull();
        var created = (await hub.Orders.GetAsync(link.HubId, CancellationToken.None)).ShouldNotBeNull();
        created.CustomerId.ShouldBe(customer);
        created.Status.ShouldBe(OrderStatus.Submitted);
        created.Currency.ShouldBe("EUR");
        (await hub.Links.FindAsync(EntityKind.Order, Erp, "SO-8", CancellationToken.None)).ShouldBeNull();
        hub.Published.All.ShouldHaveSingleItem().HubId.ShouldBe(link.HubId);

        // The created order is then followed like any other.
        (await hub.Applier.ApplyAsync(Erp, EntityKind.Order, [Change("SO-7", "confirmed", "2025-03-01T10:05:00Z")], CancellationToken.None)).Applied.ShouldBe(1);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_ticket_change_updates_the_ticket_and_a_change_from_another_system_does_not_find_it(TestStorage storage)
    {
        await using var hub = await SyncHarness.StartAsync(storage);
        var customer = await hub.SaveCustomerAsync("crm", "0031");
        var ticket = await hub.SaveTicketAsync(customer, "crm", "CS-5", TicketStatus.Open, "2025-03-01T09:00:00Z");

        var result = await hub.Applier.ApplyAsync("crm", EntityKind.Ticket, [Change("CS-5", "resolved", "2025-03-01T09:30:00Z")], CancellationToken.None);
        var elsewhere = await hub.Applier.ApplyAsync(Erp, EntityKind.Ticket, [Change("CS-5", "closed", "2025-03-01T09:40:00Z")], CancellationToken.None);

        result.Applied.ShouldBe(1);
        elsewhere.Skipped.ShouldBe(1);
        (await hub.Tickets.GetAsync(ticket.Id, CancellationToken.None))!.Status.ShouldBe(TicketStatus.Resolved);
        hub.Published.All.ShouldHaveSingleItem().ShouldBe(
            new RecordChange(customer, "ticket", ticket.Id, "crm", "CS-5", "CS-5", "resolved", SyncHarness.At("2025-03-01T09:30:00Z")));
    }

    [Fact]
    public async Task A_polled_record_that_is_not_a_change_is_logged_and_passed_over_while_the_others_apply()
    {
        await using var hub = await SyncHarness.StartAsync(TestStorage.Sqlite);
        var customer = await hub.SaveCustomerAsync(Erp, "C-100");
        var order = await hub.SaveOrderAsync(customer, Erp, "SO-1", OrderStatus.Confirmed, "2025-03-01T09:00:00Z");

        var result = await hub.Applier.ApplyAsync(Erp, EntityKind.Order,
            [Change("SO-1", "lost", "2025-03-01T10:00:00Z"), Change("SO-1", "shipped", "2025-03-01T10:01:00Z")], CancellationToken.None);

        result.Invalid.ShouldBe(1);
        result.Applied.ShouldBe(1);
        (await hub.Orders.GetAsync(order.Id, CancellationToken.None))!.Status.ShouldBe(OrderStatus.Shipped);
        hub.Logs.Entries.Select(e => e.Message).ShouldContain(
            "erp: order change not applied: records[0].status: 'lost' is not one of draft, submitted, confirmed, inProgress, shipped, delivered, cancelled, returned");
    }

    private static JsonObject Change(string externalId, string status, string updatedAt) =>
        new() { ["externalId"] = externalId, ["status"] = status, ["updatedAt"] = updatedAt };
}
