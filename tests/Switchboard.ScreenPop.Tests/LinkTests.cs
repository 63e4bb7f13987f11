using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

public sealed class LinkTests
{
    private const string CrmLinks = """
        links:
          customer: "https://crm.example.com/contacts/{{ id | url_encode }}?lang={{ language }}"
          ticket: "https://crm.example.com/cases/{{ id }}"
        """;

    private const string ErpLinks = """
        links:
          customer: "https://erp.example.com/customers/{{ id }}"
          order: "https://erp.example.com/orders/{{ number }}?state={{ status }}&system={{ system }}"
        """;

    [Fact]
    public async Task Every_item_links_to_its_own_system_rendered_from_its_fields()
    {
        await using var pop = await PopHarness.StartWithAsync(CrmLinks, ErpLinks);
        StubAnna(pop);

        var last = (await pop.PopAsync("call-1", AnnaPhone))[^1];

        var anna = last.Customer.ShouldNotBeNull();
        anna.Links.Select(l => (l.System, l.Url)).ShouldBe(
            [("crm", "https://crm.example.com/contacts/C-1?lang=de-DE"), ("erp", "https://erp.example.com/customers/E-10")], ignoreOrder: true);
        anna.Orders.Select(o => o.Url).ShouldBe(
            ["https://erp.example.com/orders/SO-101?state=submitted&system=erp", "https://erp.example.com/orders/SO-100?state=shipped&system=erp"]);
        anna.Tickets.ShouldHaveSingleItem().Url.ShouldBe("https://crm.example.com/cases/CS-1");
        last.Candidates.ShouldHaveSingleItem().Links.Select(l => l.Url).ShouldBe(anna.Links.Select(l => l.Url));
    }

    [Fact]
    public async Task Systems_without_links_give_items_no_address()
    {
        await using var pop = await PopHarness.StartWithAsync(crmTail: CrmLinks, erpTail: "");
        StubAnna(pop);

        var anna = (await pop.PopAsync("call-1", AnnaPhone))[^1].Customer.ShouldNotBeNull();

        anna.Links.Single(l => l.System == "erp").Url.ShouldBeNull();
        anna.Orders.ShouldAllBe(o => o.Url == null);
        anna.Tickets.ShouldHaveSingleItem().Url.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_link_that_fails_to_render_is_left_out_and_the_pop_still_completes()
    {
        // The subject is no phone number: the filter refuses it, so this ticket gets no link.
        await using var pop = await PopHarness.StartWithAsync("""
            links:
              ticket: "https://crm.example.com/cases/{{ subject | phone_e164 }}"
            """, "");
        StubAnna(pop);

        var last = (await pop.PopAsync("call-1", AnnaPhone))[^1];

        last.Complete.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.Single);
        last.Customer.ShouldNotBeNull().Tickets.ShouldHaveSingleItem().Url.ShouldBeNull();
    }

    [Fact]
    public async Task A_record_id_cannot_steer_a_link_to_another_host()
    {
        await using var pop = await PopHarness.StartWithAsync("""
            links:
              customer: "https://crm.example.com/contacts/{{ id }}"
            """, "");
        pop.Crm.Answer("/contacts", Contacts("""{ "id": "@evil.example/x", "firstName": "Eve", "lastName": "Mallory", "phone": "030 1234567" }"""), ("phone", AnnaPhone));

        var eve = (await pop.PopAsync("call-1", AnnaPhone))[^1].Customer.ShouldNotBeNull();

        var url = new Uri(eve.Links.Single(l => l.System == "crm").Url!);
        url.Host.ShouldBe("crm.example.com");
    }
}
