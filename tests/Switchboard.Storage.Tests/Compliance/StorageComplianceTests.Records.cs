using Switchboard.Core.Agents;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Orders;
using Switchboard.Core.Tickets;
using Switchboard.Storage.Tests.Support;

namespace Switchboard.Storage.Tests.Compliance;

public abstract partial class StorageComplianceTests
{
    [Fact]
    public async Task Linking_again_refreshes_the_version_and_a_new_external_id_replaces_the_old()
    {
        var hubId = TestModel.NewId();
        await CrossReferences.LinkAsync(new CrossReference(EntityKind.Order, hubId, "erp", "SO-1", "1", TestModel.T0), Ct);
        await CrossReferences.LinkAsync(new CrossReference(EntityKind.Order, hubId, "erp", "SO-1", "2", TestModel.T0.AddSeconds(1)), Ct);
        await CrossReferences.LinkAsync(new CrossReference(EntityKind.Order, hubId, "shop", "W-9"), Ct);

        (await CrossReferences.FindAsync(EntityKind.Order, "erp", "SO-1", Ct))
            .ShouldBe(new CrossReference(EntityKind.Order, hubId, "erp", "SO-1", "2", TestModel.T0.AddSeconds(1)));

        await CrossReferences.LinkAsync(new CrossReference(EntityKind.Order, hubId, "erp", "SO-2", "3"), Ct);

        (await CrossReferences.FindAsync(EntityKind.Order, "erp", "SO-1", Ct)).ShouldBeNull();
        (await CrossReferences.ListForAsync(EntityKind.Order, hubId, Ct)).ShouldBe(
        [
            new CrossReference(EntityKind.Order, hubId, "erp", "SO-2", "3"),
            new CrossReference(EntityKind.Order, hubId, "shop", "W-9"),
        ]);
        (await CrossReferences.ListForAsync(EntityKind.Ticket, hubId, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Order_amounts_round_trip_exactly()
    {
        var id = TestModel.NewId();
        var order = new Order
        {
            Id = id,
            CustomerId = TestModel.NewId(),
            Number = "SO-" + id,
            Status = OrderStatus.Confirmed,
            Currency = "EUR",
            Lines =
            [
                new OrderLine("A", "tenth", 1m, 0.1m),
                new OrderLine("B", "fifth", 1m, 0.2m),
                new OrderLine("C", "by weight, 1.5 kg at 0.125", 1.5m, 0.125m),
                new OrderLine("D", "large and precise", 3m, 12345678901234.567890123m),
            ],
            CrossReferences = [new CrossReference(EntityKind.Order, id, "erp", "4711", "v1")],
            CreatedAt = TestModel.T0,
            UpdatedAt = TestModel.T0.AddHours(1),
        };

        await Orders.UpsertAsync(order, Ct);
        var stored = await Orders.GetAsync(id, Ct);

        stored.ShouldMatch(order);
        (stored!.Lines[0].Amount + stored.Lines[1].Amount).ShouldBe(0.3m);
        stored.Total.ShouldBe(37037036703704.191170369m);
    }

    [Fact]
    public async Task Upsert_replaces_order_lines()
    {
        var order = new Order { Id = TestModel.NewId(), CustomerId = TestModel.NewId(), Lines = [new("A", "a", 1m, 1m), new("B", "b", 2m, 2m)] };
        await Orders.UpsertAsync(order, Ct);

        await Orders.UpsertAsync(order with { Status = OrderStatus.Shipped, Lines = [new("C", "c", 3m, 3m)] }, Ct);

        var stored = await Orders.GetAsync(order.Id, Ct);
        stored!.Status.ShouldBe(OrderStatus.Shipped);
        stored.Lines.ShouldBe([new OrderLine("C", "c", 3m, 3m)]);
    }

    [Fact]
    public async Task Orders_are_found_by_number_and_listed_newest_first_per_customer()
    {
        var customerId = TestModel.NewId();
        var orders = Enumerable.Range(0, 3).Select(i => new Order
        {
            Id = TestModel.NewId(),
            CustomerId = customerId,
            Number = $"SO-{customerId}-{i}",
            CreatedAt = TestModel.T0.AddDays(i),
        }).ToList();
        foreach (var order in orders)
        {
            await Orders.UpsertAsync(order, Ct);
        }

        await Orders.UpsertAsync(new Order { Id = TestModel.NewId(), CustomerId = TestModel.NewId() }, Ct);

        (await Orders.FindByNumberAsync($"SO-{customerId}-1", Ct))!.Id.ShouldBe(orders[1].Id);
        (await Orders.ListByCustomerAsync(customerId, 10, Ct)).Select(o => o.Id).ShouldBe([orders[2].Id, orders[1].Id, orders[0].Id]);
        (await Orders.ListByCustomerAsync(customerId, 2, Ct)).Select(o => o.Id).ShouldBe([orders[2].Id, orders[1].Id]);
    }

    [Fact]
    public async Task Tickets_by_customer_can_be_limited_to_open_ones()
    {
        var customerId = TestModel.NewId();
        var statuses = new[] { TicketStatus.Open, TicketStatus.Closed, TicketStatus.Pending, TicketStatus.Resolved };
        var tickets = statuses.Select((status, i) => new Ticket
        {
            Id = TestModel.NewId(),
            CustomerId = customerId,
            Subject = "Ticket " + i,
            Status = status,
            CreatedAt = TestModel.T0.AddMinutes(i),
        }).ToList();
        foreach (var ticket in tickets)
        {
            await Tickets.UpsertAsync(ticket, Ct);
        }

        (await Tickets.ListByCustomerAsync(customerId, openOnly: true, 10, Ct)).Select(t => t.Id).ShouldBe([tickets[2].Id, tickets[0].Id]);
        (await Tickets.ListByCustomerAsync(customerId, openOnly: false, 10, Ct)).Count.ShouldBe(4);
        (await Tickets.ListByCustomerAsync(customerId, openOnly: false, 1, Ct)).ShouldHaveSingleItem().Id.ShouldBe(tickets[3].Id);
    }

    [Fact]
    public async Task Ticket_round_trips_and_is_found_by_number()
    {
        var id = TestModel.NewId();
        var ticket = new Ticket
        {
            Id = id,
            CustomerId = TestModel.NewId(),
            Number = "T-" + id,
            Subject = "打印机坏了",
            Description = "Printer on fire",
            Status = TicketStatus.Pending,
            Priority = TicketPriority.Urgent,
            InteractionId = TestModel.NewId(),
            CrossReferences = [new CrossReference(EntityKind.Ticket, id, "zendesk", "ZD-1", "3")],
            CreatedAt = TestModel.T0,
            UpdatedAt = TestModel.T0.AddSeconds(30),
        };

        await Tickets.UpsertAsync(ticket, Ct);

        (await Tickets.FindByNumberAsync("T-" + id, Ct)).ShouldMatch(ticket);
    }

    [Fact]
    public async Task Agent_upsert_replaces_state_and_queues()
    {
        var agent = new Agent
        {
            Id = TestModel.NewId(),
            Name = "李娜",
            Extension = "PJSIP/100",
            Queues = ["sales", "support"],
            State = AgentState.Ready,
            StateChangedAt = TestModel.T0,
        };
        await Agents.UpsertAsync(agent, Ct);
        var paused = agent with { Queues = ["support"], State = AgentState.NotReady, StateReason = "lunch", StateChangedAt = TestModel.T0.AddMinutes(1) };

        await Agents.UpsertAsync(paused, Ct);

        (await Agents.GetAsync(agent.Id, Ct)).ShouldMatch(paused);
        var all = await Agents.ListAsync(Ct);
        all.Count(a => a.Id == agent.Id).ShouldBe(1);
        all.Select(a => a.Id).ShouldBe(all.Select(a => a.Id).Order(StringComparer.Ordinal));
    }
}
