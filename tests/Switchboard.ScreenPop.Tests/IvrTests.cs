using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

public sealed class IvrTests
{
    private const string Maria = """{ "no": "E-55", "name": "Maria Weber", "tel": "089 765432", "mail": "maria@weber.example" }""";

    [Fact]
    public async Task An_order_number_from_the_ivr_opens_on_that_orders_customer_even_from_someone_elses_phone()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        pop.Erp.Answer("/api/orders/SO-777", """{ "no": "SO-777", "customer": "E-55", "state": "confirmed", "total": 999.00, "currency": "EUR", "created": "2024-12-24T12:00:00Z" }""");
        pop.Erp.Answer("/api/customers/E-55", Maria);
        pop.Erp.Answer("/api/orders", "{ \"items\": [] }", ("customer", "E-55"));

        var last = (await pop.PopAsync("call-1", AnnaPhone, ("orderNumber", " SO-777 ")))[^1];

        last.Complete.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.Single);
        last.MatchedBy.ShouldBe("ivr:orderNumber");
        var maria = last.Customer.ShouldNotBeNull();
        maria.Key.ShouldBe("erp:E-55");
        maria.DisplayName.ShouldBe("Maria Weber");
        maria.Phones.ShouldBe([MariaPhone]);
        maria.Orders.ShouldHaveSingleItem().Number.ShouldBe("SO-777");
        maria.Orders[0].Total.ShouldBe(999m);
        last.Candidates.Select(c => c.Key).ShouldBe(["crm:C-1", "erp:E-55"], ignoreOrder: true);
        last.Source("erp", "order.get").State.ShouldBe(PopSourceState.Answered);
        last.Source("erp", "customer.get").State.ShouldBe(PopSourceState.Answered);
        // Anna's cases are not Maria's.
        pop.Crm.Calls("/contacts/C-1/cases").ShouldBe(0);
    }

    [Fact]
    public async Task An_account_number_finds_the_customer_of_a_withheld_caller()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Crm.Answer("/contacts/C-1", AnnaInCrm);
        pop.Crm.Answer("/contacts/C-1/cases", AnnaCases);

        var last = (await pop.PopAsync("call-1", "anonymous", ("accountNumber", "C-1")))[^1];

        last.Withheld.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.Single);
        last.MatchedBy.ShouldBe("ivr:accountNumber");
        last.Customer.ShouldNotBeNull().DisplayName.ShouldBe("Anna Schmidt");
        last.Customer.Tickets.ShouldHaveSingleItem();
        // The ERP holds no account C-1: its 404 is no match, not a failure.
        last.Source("erp", "customer.get").State.ShouldBe(PopSourceState.NoMatch);
        pop.Crm.Calls("/contacts").ShouldBe(0);
    }

    [Fact]
    public async Task A_ticket_number_opens_on_the_tickets_customer_with_that_ticket_whatever_its_status()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Crm.Answer("/cases/CS-2", """{ "number": "CS-2", "contactId": "C-1", "subject": "Invoice copy", "status": "closed" }""");
        pop.Crm.Answer("/contacts/C-1", AnnaInCrm);
        pop.Crm.Answer("/contacts/C-1/cases", AnnaCases);

        var last = (await pop.PopAsync("call-1", "+49 89 111111", ("ticketNumber", "CS-2")))[^1];

        last.Match.ShouldBe(PopMatch.Single);
        last.MatchedBy.ShouldBe("ivr:ticketNumber");
        last.Customer.ShouldNotBeNull().Tickets.Select(t => t.ExternalId).ShouldBe(["CS-2", "CS-1"]);
    }
}
