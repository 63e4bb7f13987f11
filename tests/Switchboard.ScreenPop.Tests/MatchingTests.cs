using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

public sealed class MatchingTests
{
    [Fact]
    public async Task One_caller_known_to_two_systems_opens_as_one_customer_with_orders_and_open_tickets()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);

        var views = await pop.PopAsync("call-1", "+49 30 1234567");

        var first = views[0];
        first.Match.ShouldBe(PopMatch.Searching);
        first.Complete.ShouldBeFalse();
        first.Sources.ShouldAllBe(s => s.State == PopSourceState.Pending);
        first.Sources.Select(s => $"{s.System} {s.Operation}").ShouldBe(
            ["switchboard customer.findByPhone", "crm customer.findByPhone", "erp customer.findByPhone"], ignoreOrder: true);
        views.Select(v => v.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        views.Take(views.Count - 1).ShouldAllBe(v => !v.Complete);

        var last = views[^1];
        last.Complete.ShouldBeTrue();
        last.CallerNumber.ShouldBe(AnnaPhone);
        last.CallerNumberRaw.ShouldBe("+49 30 1234567");
        last.Withheld.ShouldBeFalse();
        last.Match.ShouldBe(PopMatch.Single);
        last.MatchedBy.ShouldBe("phone");
        last.Candidates.Count.ShouldBe(1);
        var anna = last.Customer.ShouldNotBeNull();
        anna.Key.ShouldBe("crm:C-1");
        anna.DisplayName.ShouldBe("Anna Schmidt");
        anna.Company.ShouldBe("Schmidt GmbH");
        anna.Language.ShouldBe("de-DE");
        anna.Phones.ShouldBe([AnnaPhone]);
        anna.Emails.ShouldBe(["anna.schmidt@example.com", "accounts@schmidt.example"], ignoreOrder: true);
        anna.Links.Select(l => $"{l.System}:{l.ExternalId}").ShouldBe(["crm:C-1", "erp:E-10"], ignoreOrder: true);
        anna.Orders.Select(o => o.Number).ShouldBe(["SO-101", "SO-100"]);
        anna.Orders[1].ShouldBe(new PopOrder { System = "erp", ExternalId = "SO-100", Number = "SO-100", Status = "shipped", Total = 120.50m, Currency = "EUR", CreatedAt = "2025-02-01T10:00:00Z" });
        anna.Tickets.ShouldHaveSingleItem().ShouldBe(new PopTicket { System = "crm", ExternalId = "CS-1", Subject = "Delivery late", Status = "open", Priority = "high", CreatedAt = "2025-03-02T09:00:00Z" });
        last.Source("crm", "ticket.listByCustomer").State.ShouldBe(PopSourceState.Answered);
        last.Source("erp", "order.listByCustomer").State.ShouldBe(PopSourceState.Answered);
        last.Source("switchboard", "customer.findByPhone").State.ShouldBe(PopSourceState.NoMatch);
        last.Sources.ShouldAllBe(s => s.ElapsedMs != null);
        pop.Engine.Latest("call-1").ShouldBeTheSnapshot(last);
    }

    [Fact]
    public async Task A_number_nobody_knows_completes_with_no_match()
    {
        await using var pop = await PopHarness.StartAsync();

        var views = await pop.PopAsync("call-2", "+49 30 9999999");

        var last = views[^1];
        last.Complete.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.None);
        last.MatchedBy.ShouldBeNull();
        last.Candidates.ShouldBeEmpty();
        last.Customer.ShouldBeNull();
        last.Sources.ShouldAllBe(s => s.State == PopSourceState.NoMatch);
    }

    [Fact]
    public async Task Records_sharing_a_number_but_neither_name_nor_email_stay_separate_people()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Crm.Answer("/contacts", Contacts(AnnaInCrm), ("phone", AnnaPhone));
        pop.Erp.Answer("/api/customers", Items("""{ "no": "E-11", "name": "Jonas Schmidt", "tel": "030 1234567", "mail": "jonas@example.com" }"""), ("tel", AnnaPhone));

        var last = (await pop.PopAsync("call-3", AnnaPhone))[^1];

        last.Match.ShouldBe(PopMatch.Multiple);
        last.Candidates.Select(c => c.Key).ShouldBe(["crm:C-1", "erp:E-11"], ignoreOrder: true);
        last.Customer.ShouldBeNull();
    }

    [Fact]
    public async Task The_hubs_cross_references_link_a_system_that_cannot_search_by_phone_and_add_the_call_history()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Erp.Answer("/api/orders", AnnaOrders, ("customer", "E-10"));
        await pop.SaveAsync(new Core.Customers.Customer
        {
            Id = "hub-anna",
            DisplayName = "Anna Schmidt",
            ContactPoints = [new(Core.Customers.ContactPointKind.Phone, AnnaPhone)],
            CrossReferences = [new(Core.Common.EntityKind.Customer, "hub-anna", "erp", "E-10")],
        });
        var start = DateTimeOffset.Parse("2025-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 7; i++)
        {
            await pop.SaveAsync(new Core.Interactions.Interaction
            {
                Id = $"int-{i}",
                CallId = $"old-{i}",
                CustomerId = "hub-anna",
                CallerNumber = AnnaPhone,
                StartedAt = start.AddDays(i),
                Disposition = i % 2 == 0 ? "resolved" : "callback",
                AgentIds = ["agent-1"],
            });
        }

        // The call being popped is already stored by ingress; it is not history.
        await pop.SaveAsync(new Core.Interactions.Interaction { Id = "int-now", CallId = "call-4", CustomerId = "hub-anna", StartedAt = start.AddDays(30) });

        var last = (await pop.PopAsync("call-4", "030 1234567"))[^1];

        last.Match.ShouldBe(PopMatch.Single);
        var anna = last.Customer.ShouldNotBeNull();
        anna.Key.ShouldBe("switchboard:hub-anna");
        anna.Links.Select(l => $"{l.System}:{l.ExternalId}").ShouldBe(["switchboard:hub-anna", "erp:E-10"]);
        anna.Orders.Count.ShouldBe(2);
        anna.Interactions.Select(i => i.Id).ShouldBe(["int-6", "int-5", "int-4", "int-3", "int-2"]);
        anna.Interactions[0].Disposition.ShouldBe("resolved");
        anna.Interactions[0].AgentIds.ShouldBe(["agent-1"]);
        last.Source("switchboard", "interaction.history").State.ShouldBe(PopSourceState.Answered);
    }

    [Theory]
    [InlineData("030 1234567")]
    [InlineData("(030) 123-4567")]
    [InlineData("0049 30 1234567")]
    [InlineData("+49 30 1234567")]
    [InlineData("+49301234567")]
    [InlineData("tel:+49-30-1234567")]
    public async Task Every_notation_of_a_number_finds_the_same_customer(string caller)
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);

        var last = (await pop.PopAsync("call-5", caller))[^1];

        last.CallerNumber.ShouldBe(AnnaPhone);
        last.CallerNumberRaw.ShouldBe(caller);
        last.Match.ShouldBe(PopMatch.Single);
        last.Customer.ShouldNotBeNull().Key.ShouldBe("crm:C-1");
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("Restricted")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12")]
    public async Task A_withheld_or_unreadable_number_is_not_looked_up(string? caller)
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);

        var views = await pop.PopAsync("call-6", caller);

        var last = views[^1];
        last.Withheld.ShouldBeTrue();
        last.CallerNumber.ShouldBeNull();
        last.CallerNumberRaw.ShouldBe(caller);
        last.Match.ShouldBe(PopMatch.None);
        last.Complete.ShouldBeTrue();
        last.Sources.ShouldBeEmpty();
        pop.Crm.LogEntries.ShouldBeEmpty();
        pop.Erp.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_outbound_call_pops_the_number_dialled()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);

        var views = await pop.PopAsync(new PopRequest { CallId = "call-7", CallerNumber = "200", CalledNumber = "030 1234567", Direction = "outbound" });

        views[^1].CallerNumber.ShouldBe(AnnaPhone);
        views[^1].Customer.ShouldNotBeNull().Key.ShouldBe("crm:C-1");
    }
}
