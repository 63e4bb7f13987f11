using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

public sealed class PickTests
{
    private const string Hans = """{ "id": "C-20", "firstName": "Hans", "lastName": "Müller", "account": "Müller & Söhne", "phone": "040 555123", "email": "hans@mueller.example" }""";
    private const string Eva = """{ "id": "C-21", "firstName": "Eva", "lastName": "Müller", "account": "Müller & Söhne", "phone": "040 555123", "email": "eva@mueller.example" }""";

    private static void StubOffice(PopHarness pop)
    {
        pop.Crm.Answer("/contacts", Contacts(Hans, Eva), ("phone", OfficePhone));
        pop.Crm.Answer("/contacts/C-21/cases", """{ "cases": [ { "number": "CS-9", "subject": "Wrong size", "status": "pending" } ] }""");
        pop.Crm.Answer("/contacts/C-20/cases", """{ "cases": [] }""");
    }

    [Fact]
    public async Task A_shared_number_lists_the_candidates_without_loading_anyones_details()
    {
        await using var pop = await PopHarness.StartAsync();
        StubOffice(pop);

        var last = (await pop.PopAsync("call-1", "040 555123"))[^1];

        last.Complete.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.Multiple);
        last.MatchedBy.ShouldBe("phone");
        last.Customer.ShouldBeNull();
        last.Candidates.Select(c => (c.Key, c.DisplayName)).ShouldBe([("crm:C-21", "Eva Müller"), ("crm:C-20", "Hans Müller")]);
        last.Candidates[0].Company.ShouldBe("Müller & Söhne");
        last.Candidates[0].Emails.ShouldBe(["eva@mueller.example"]);
        pop.Crm.Calls("/contacts/C-20/cases").ShouldBe(0);
        pop.Crm.Calls("/contacts/C-21/cases").ShouldBe(0);
    }

    [Fact]
    public async Task The_agents_pick_loads_that_customer_and_opens_the_next_call_from_the_number_on_them()
    {
        await using var pop = await PopHarness.StartAsync();
        StubOffice(pop);
        var popped = await pop.PopAsync("call-1", "040 555123");

        var picked = await pop.PickAsync("call-1", "crm:C-21");

        picked.Select(v => v.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        picked[0].Sequence.ShouldBeGreaterThan(popped[^1].Sequence);
        var last = picked[^1];
        last.Complete.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.Single);
        last.MatchedBy.ShouldBe("pick");
        last.Customer.ShouldNotBeNull().DisplayName.ShouldBe("Eva Müller");
        last.Customer.Tickets.ShouldHaveSingleItem().ExternalId.ShouldBe("CS-9");
        last.Source("crm", "customer.findByPhone").State.ShouldBe(PopSourceState.Answered);
        pop.Engine.Latest("call-1").ShouldBeTheSnapshot(last);
        (await pop.Picks.FindAsync(OfficePhone, CancellationToken.None)).ShouldNotBeNull().CandidateKey.ShouldBe("crm:C-21");

        var next = (await pop.PopAsync("call-2", "+49 40 555123"))[^1];

        next.Match.ShouldBe(PopMatch.Single);
        next.MatchedBy.ShouldBe("remembered");
        next.Customer.ShouldNotBeNull().Key.ShouldBe("crm:C-21");
        next.Customer.Tickets.ShouldHaveSingleItem().ExternalId.ShouldBe("CS-9");
        next.Candidates.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_pick_of_a_call_never_popped_or_of_a_stranger_is_refused()
    {
        await using var pop = await PopHarness.StartAsync();
        StubOffice(pop);
        await pop.PopAsync("call-1", "040 555123");

        await Should.ThrowAsync<KeyNotFoundException>(() => pop.PickAsync("call-unknown", "crm:C-21"));
        await Should.ThrowAsync<ArgumentException>(() => pop.PickAsync("call-1", "crm:C-99"));
        pop.Engine.Latest("call-unknown").ShouldBeNull();
    }
}
