using System.Text.Json.Nodes;
using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

/// <summary>Nobody was found, the agent created the caller: the pop opens on the new record.</summary>
public sealed class CreatedTests
{
    private const string Grace = "+4930999999";

    [Fact]
    public async Task A_created_customer_opens_the_pop_of_a_call_that_found_nobody()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Crm.Answer("/contacts/C-9/cases", AnnaCases);
        (await pop.PopAsync("call-1", Grace))[^1].Match.ShouldBe(PopMatch.None);

        var views = await OpenCreatedAsync(pop, "call-1", new JsonObject
        {
            ["externalId"] = "C-9", ["firstName"] = "Grace", ["lastName"] = "Hopper", ["phone"] = Grace, ["email"] = "Grace@Navy.example",
        });

        var last = views[^1];
        last.Complete.ShouldBeTrue();
        last.Match.ShouldBe(PopMatch.Single);
        last.MatchedBy.ShouldBe("created");
        var grace = last.Customer.ShouldNotBeNull();
        grace.Key.ShouldBe("crm:C-9");
        grace.DisplayName.ShouldBe("Grace Hopper");
        grace.Phones.ShouldBe([Grace]);
        grace.Emails.ShouldBe(["grace@navy.example"]);
        grace.Tickets.ShouldHaveSingleItem().ExternalId.ShouldBe("CS-1");
        views.Select(v => v.Sequence).ShouldAllBe(s => s > 1);
        pop.Engine.Latest("call-1").ShouldBeTheSnapshot(last);
    }

    [Fact]
    public async Task Creating_drops_the_cached_no_match_so_the_next_call_from_the_number_asks_again()
    {
        await using var pop = await PopHarness.StartAsync();
        (await pop.PopAsync("call-1", Grace))[^1].Match.ShouldBe(PopMatch.None);
        (await pop.PopAsync("call-2", Grace))[^1].Match.ShouldBe(PopMatch.None);
        var asked = pop.Crm.Calls("/contacts");

        await OpenCreatedAsync(pop, "call-2", new JsonObject { ["externalId"] = "C-9", ["lastName"] = "Hopper", ["phone"] = Grace });
        pop.Crm.Answer("/contacts", Contacts("""{ "id": "C-9", "lastName": "Hopper", "phone": "030 999999" }"""), ("phone", Grace));
        var next = (await pop.PopAsync("call-3", Grace))[^1];

        pop.Crm.Calls("/contacts").ShouldBe(asked + 1);
        next.Match.ShouldBe(PopMatch.Single);
        next.Customer.ShouldNotBeNull().Key.ShouldBe("crm:C-9");
    }

    [Fact]
    public async Task A_created_record_without_the_callers_number_still_drops_that_numbers_no_match_and_nothing_else()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        (await pop.PopAsync("call-1", AnnaPhone))[^1].Match.ShouldBe(PopMatch.Single);
        (await pop.PopAsync("call-2", Grace))[^1].Match.ShouldBe(PopMatch.None);
        var askedForAnna = pop.Crm.Calls("/contacts");

        // No phone on the record: before, this sent an empty list of tags, which dropped every cached answer.
        await OpenCreatedAsync(pop, "call-2", new JsonObject { ["externalId"] = "C-9", ["lastName"] = "Hopper" });
        (await pop.PopAsync("call-3", AnnaPhone))[^1].Customer.ShouldNotBeNull();
        pop.Crm.Calls("/contacts").ShouldBe(askedForAnna);

        (await pop.PopAsync("call-4", Grace))[^1].Match.ShouldBe(PopMatch.None);
        pop.Crm.Calls("/contacts").ShouldBe(askedForAnna + 1);
    }

    [Fact]
    public async Task A_created_record_without_an_id_or_a_call_never_popped_is_refused()
    {
        await using var pop = await PopHarness.StartAsync();
        await pop.PopAsync("call-1", Grace);

        await Should.ThrowAsync<ArgumentException>(() => OpenCreatedAsync(pop, "call-1", new JsonObject { ["lastName"] = "Hopper" }));
        await Should.ThrowAsync<KeyNotFoundException>(() => OpenCreatedAsync(pop, "call-unknown", new JsonObject { ["externalId"] = "C-9" }));
        pop.Engine.Latest("call-1")!.Match.ShouldBe(PopMatch.None);
    }

    private static async Task<List<ScreenPopView>> OpenCreatedAsync(PopHarness pop, string callId, JsonObject record)
    {
        var views = new List<ScreenPopView>();
        await foreach (var view in pop.Engine.OpenCreatedAsync(callId, "crm", record, CancellationToken.None))
        {
            views.Add(view);
        }

        return views;
    }
}
