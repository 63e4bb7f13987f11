using System.Text.Json;
using Switchboard.ScreenPop.Tests.Support;
using static Switchboard.ScreenPop.Tests.Support.Callers;

namespace Switchboard.ScreenPop.Tests;

public sealed class FlowTests
{
    [Fact]
    public async Task A_screen_pop_flow_limits_the_systems_asked()
    {
        await using var pop = await PopHarness.StartAsync(null, ("flows/screen-pop.yaml", "name: screen-pop\ncapability: screenPop\nmode: on\nsystems: [crm]\n"));
        StubAnna(pop);

        var last = (await pop.PopAsync("call-1", AnnaPhone))[^1];

        last.Sources.ShouldNotContain(s => s.System == "erp");
        pop.Erp.LogEntries.ShouldBeEmpty();
        last.Customer.ShouldNotBeNull().Key.ShouldBe("crm:C-1");
    }

    [Fact]
    public async Task A_pilot_flow_asks_the_systems_only_for_its_cohort()
    {
        await using var pop = await PopHarness.StartAsync(null, ("flows/screen-pop.yaml", "name: screen-pop\ncapability: screenPop\nmode: pilot\npilot: { agents: [agent-1] }\n"));
        StubAnna(pop);

        var outside = (await pop.PopAsync(new PopRequest { CallId = "call-1", AgentId = "agent-2", CallerNumber = AnnaPhone }))[^1];
        var inside = (await pop.PopAsync(new PopRequest { CallId = "call-2", AgentId = "agent-1", CallerNumber = AnnaPhone }))[^1];

        outside.Sources.Select(s => s.System).ShouldBe(["switchboard"]);
        outside.Match.ShouldBe(PopMatch.None);
        inside.Match.ShouldBe(PopMatch.Single);
    }

    [Fact]
    public async Task Options_can_name_the_systems_to_ask()
    {
        await using var pop = await PopHarness.StartAsync(new ScreenPopOptions { Systems = ["erp"], SystemTimeoutMs = 4000, BudgetMs = 6000 });
        StubAnna(pop);

        var last = (await pop.PopAsync("call-1", AnnaPhone))[^1];

        pop.Crm.LogEntries.ShouldBeEmpty();
        last.Source("erp", "customer.findByPhone").State.ShouldBe(PopSourceState.Answered);
        last.Customer.ShouldNotBeNull().Key.ShouldBe("erp:E-10");
    }

    [Fact]
    public async Task Cancelling_ends_the_pop_at_once()
    {
        // The ERP answers (and times out) only after 20 s, so ending within 8 s can only be the cancellation.
        await using var pop = await PopHarness.StartAsync(new ScreenPopOptions { SystemTimeoutMs = 20_000, BudgetMs = 25_000 });
        StubAnna(pop, erpDelayMs: 20_000);
        using var cancel = new CancellationTokenSource();
        // Timed from the first snapshot, when the pop waits for the ERP: the pop's cold start (which took over 2 s on a
        // busy machine, with other test classes starting hubs) is not what this measures.
        var clock = new System.Diagnostics.Stopwatch();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in pop.Engine.RunAsync(new PopRequest { CallId = "call-1", CallerNumber = AnnaPhone }, cancel.Token))
            {
                if (!clock.IsRunning)
                {
                    clock.Start();
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
                }
            }
        });

        // Not cancelled, the pop would wait for the ERP's answer or its timeout (20 s). Cancelled after 200 ms it ends
        // in well under a second; the bound leaves room for a machine busy with other test classes (2.7 s seen in CI).
        clock.IsRunning.ShouldBeTrue("the pop published its first snapshot");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_snapshot_reads_back_from_json_with_enums_as_names()
    {
        await using var pop = await PopHarness.StartAsync();
        StubAnna(pop);
        var last = (await pop.PopAsync("call-1", AnnaPhone))[^1];

        var json = JsonSerializer.Serialize(last, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<ScreenPopView>(json, JsonSerializerOptions.Web).ShouldNotBeNull();

        json.ShouldContain("\"match\":\"Single\"");
        back.Match.ShouldBe(PopMatch.Single);
        back.Customer.ShouldNotBeNull().Orders.ShouldBe(last.Customer!.Orders);
        back.Sources.Select(s => s.State).ShouldBe(last.Sources.Select(s => s.State));
    }
}
