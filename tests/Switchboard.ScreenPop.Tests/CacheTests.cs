using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

public sealed class CacheTests
{
    [Fact]
    public async Task A_repeated_pop_is_answered_from_the_cache_until_the_customer_changes()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);

        var first = (await pop.PopAsync("call-1", AnnaPhone))[^1];
        var second = (await pop.PopAsync("call-2", "030 1234567"))[^1];

        second.Customer.ShouldNotBeNull().Orders.ShouldBe(first.Customer!.Orders);
        second.Source("crm", "customer.findByPhone").ElapsedMs.ShouldBe(0);
        pop.Crm.Calls("/contacts").ShouldBe(1);
        pop.Erp.Calls("/api/customers").ShouldBe(1);
        pop.Erp.Calls("/api/orders").ShouldBe(1);

        await pop.Engine.InvalidateAsync(phoneE164: AnnaPhone);
        await pop.PopAsync("call-3", AnnaPhone);

        pop.Crm.Calls("/contacts").ShouldBe(2);
        pop.Erp.Calls("/api/customers").ShouldBe(2);
        // Her orders did not change.
        pop.Erp.Calls("/api/orders").ShouldBe(1);

        await pop.Engine.InvalidateAsync(system: "erp", externalId: "E-10");
        await pop.PopAsync("call-4", AnnaPhone);

        pop.Erp.Calls("/api/orders").ShouldBe(2);
        pop.Crm.Calls("/contacts/C-1/cases").ShouldBe(1);
    }

    [Fact]
    public async Task Customers_changed_drops_every_number_and_record_named_at_once_and_naming_nothing_drops_nothing()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        await pop.PopAsync("call-1", AnnaPhone);

        (await pop.Engine.CustomersChangedAsync([], [])).ShouldBe(0);
        (await pop.Engine.CustomersChangedAsync([" "], [("crm", "")])).ShouldBe(0);
        await pop.PopAsync("call-2", AnnaPhone);
        pop.Crm.Calls("/contacts").ShouldBe(1);
        pop.Erp.Calls("/api/orders").ShouldBe(1);

        // Her number in a national notation and her ERP record, in one request.
        (await pop.Engine.CustomersChangedAsync(["030 1234567"], [("erp", "E-10")])).ShouldBeGreaterThan(0);
        await pop.PopAsync("call-3", AnnaPhone);
        pop.Crm.Calls("/contacts").ShouldBe(2);
        pop.Erp.Calls("/api/orders").ShouldBe(2);
        pop.Crm.Calls("/contacts/C-1/cases").ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_asked_for_while_the_customer_changed_is_shown_but_not_kept()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Crm.Answer("/contacts/C-1/cases", AnnaCases);
        pop.Erp.Answer("/api/customers", Items(AnnaInErp), ("tel", AnnaPhone));
        pop.Erp.Answer("/api/orders", AnnaOrders, ("customer", "E-10"));
        using var received = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        pop.Crm.AnswerWhenReleased("/contacts", Contacts(AnnaInCrm), ("phone", AnnaPhone), received, release);

        // The CRM's answer is on its way when her record changes: it may predate the change, and the change's
        // invalidation has already run, so keeping it would serve it until it expired.
        var during = pop.PopAsync("call-1", AnnaPhone);
        received.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the CRM was asked");
        await pop.Engine.CustomersChangedAsync([AnnaPhone], []);
        release.Set();
        (await during)[^1].Customer.ShouldNotBeNull();

        await pop.PopAsync("call-2", AnnaPhone);
        pop.Crm.Calls("/contacts").ShouldBe(2);
        // The ERP answered before the change reached the hub: its answer was kept and dropped by the change.
        pop.Erp.Calls("/api/customers").ShouldBe(2);

        // Nothing changed while the second pop asked: now both answers are kept.
        await pop.PopAsync("call-3", AnnaPhone);
        pop.Crm.Calls("/contacts").ShouldBe(2);
        pop.Erp.Calls("/api/customers").ShouldBe(2);
    }

    [Fact]
    public async Task Answers_already_in_make_one_snapshot_not_one_each()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        var fetched = await pop.PopAsync("call-1", AnnaPhone);

        var cached = await pop.PopAsync("call-2", AnnaPhone);

        // Every system answer is cached and the hub's own queries answer at once: the first snapshot (all pending),
        // one with everything that was in, one with the history that could start only after the hub's index.
        var last = cached[^1];
        last.Complete.ShouldBeTrue();
        last.Sources.Count.ShouldBeGreaterThan(3);
        cached.Count.ShouldBeLessThanOrEqualTo(3);
        cached[0].Sources.ShouldAllBe(s => s.State == PopSourceState.Pending);
        last.Customer.ShouldNotBeNull().Orders.ShouldBe(fetched[^1].Customer!.Orders);
        cached.Select(v => v.Sequence).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task A_failed_answer_is_not_cached()
    {
        await using var pop = await PopHarness.StartAsync();
        pop.Crm.Answer("/contacts", "{}", ("phone", AnnaPhone), status: 503);

        await pop.PopAsync("call-1", AnnaPhone);
        await pop.PopAsync("call-2", AnnaPhone);

        pop.Crm.Calls("/contacts").ShouldBe(2);
    }

    [Fact]
    public async Task With_the_cache_off_every_pop_asks_the_systems()
    {
        await using var pop = await PopHarness.StartAsync(new ScreenPopOptions { CacheSeconds = 0 });
        StubAnna(pop);

        await pop.PopAsync("call-1", AnnaPhone);
        await pop.PopAsync("call-2", AnnaPhone);

        pop.Crm.Calls("/contacts").ShouldBe(2);
    }
}
