using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

/// <summary>A call popped when it is offered to the queue and again when it rings at an agent.</summary>
public sealed class ReuseTests
{
    [Fact]
    public async Task Ringing_at_an_agent_shows_the_offered_calls_complete_pop_for_that_agent_without_asking_again()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        var offered = (await pop.PopAsync(Offered("call-1", AnnaPhone)))[^1];
        var opened = pop.Storage.Opened;

        var ringing = await pop.PopAsync(Ringing("call-1", AnnaPhone, "agent-7"));

        var view = ringing.ShouldHaveSingleItem();
        view.Complete.ShouldBeTrue();
        view.AgentId.ShouldBe("agent-7");
        view.Sequence.ShouldBeGreaterThan(offered.Sequence);
        view.Customer.ShouldNotBeNull().Orders.ShouldBe(offered.Customer!.Orders);
        view.Sources.ShouldBe(offered.Sources);
        pop.Crm.Calls("/contacts").ShouldBe(1);
        pop.Erp.Calls("/api/orders").ShouldBe(1);
        pop.Storage.Opened.ShouldBe(opened);
        pop.Engine.Latest("call-1").ShouldNotBeNull().AgentId.ShouldBe("agent-7");
    }

    [Fact]
    public async Task A_customer_change_between_the_two_pops_makes_the_second_look_again()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        await pop.PopAsync(Offered("call-1", AnnaPhone));

        await pop.Engine.InvalidateAsync(phoneE164: AnnaPhone);
        var ringing = await pop.PopAsync(Ringing("call-1", AnnaPhone, "agent-7"));

        ringing.Count.ShouldBeGreaterThan(1);
        ringing[^1].Complete.ShouldBeTrue();
        pop.Crm.Calls("/contacts").ShouldBe(2);
    }

    [Fact]
    public async Task A_pop_that_looks_for_the_caller_differently_looks_again()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        await pop.PopAsync(Offered("call-1", AnnaPhone));

        var ringing = await pop.PopAsync(Ringing("call-1", AnnaPhone, "agent-7") with { Attributes = new Dictionary<string, string> { ["customerId"] = "C-1" } });

        ringing.Count.ShouldBeGreaterThan(1);
        pop.Crm.Calls("/contacts").ShouldBe(1, "the number's answer came from the cache");
        ringing[^1].Sources.ShouldContain(s => s.Operation == "customer.get");
    }

    [Fact]
    public async Task A_system_unavailable_when_the_call_was_offered_is_asked_again_when_it_rings()
    {
        await using var pop = await PopHarness.StartAsync(new ScreenPopOptions { SystemTimeoutMs = 300, BudgetMs = 2000 });
        StubAnna(pop, erpDelayMs: 3000);
        var offered = (await pop.PopAsync(Offered("call-1", AnnaPhone)))[^1];
        offered.Source("erp", "customer.findByPhone").State.ShouldBe(PopSourceState.Unavailable);

        StubAnna(pop);
        var ringing = await pop.PopAsync(Ringing("call-1", AnnaPhone, "agent-7"));

        ringing.Count.ShouldBeGreaterThan(1, "the offered call's pop was shown again");
        ringing[^1].Source("erp", "customer.findByPhone").State.ShouldBe(PopSourceState.Answered);
        ringing[^1].AgentId.ShouldBe("agent-7");
        pop.Crm.Calls("/contacts").ShouldBe(1, "the CRM had answered: its answer came from the cache");
    }

    [Fact]
    public async Task With_the_cache_off_the_second_pop_looks_again()
    {
        await using var pop = await PopHarness.StartAsync(new ScreenPopOptions { CacheSeconds = 0 });
        StubAnna(pop);
        await pop.PopAsync(Offered("call-1", AnnaPhone));

        var ringing = await pop.PopAsync(Ringing("call-1", AnnaPhone, "agent-7"));

        ringing.Count.ShouldBeGreaterThan(1);
        pop.Crm.Calls("/contacts").ShouldBe(2);
    }

    private static PopRequest Offered(string callId, string caller) => new() { CallId = callId, CallerNumber = caller, Queue = "support" };

    private static PopRequest Ringing(string callId, string caller, string agentId) =>
        new() { CallId = callId, CallerNumber = caller, Queue = "support", AgentId = agentId };
}
