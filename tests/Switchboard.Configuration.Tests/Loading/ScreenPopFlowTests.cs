using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

/// <summary>The screenPop section of a screenPop flow: budget, per-system timeout, cache and history.</summary>
public sealed class ScreenPopFlowTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public ScreenPopFlowTests() => _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);

    public void Dispose() => _config.Dispose();

    [Fact]
    public void The_section_binds_every_setting()
    {
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nscreenPop: { budgetMs: 900, systemTimeoutMs: 300, cacheSeconds: 0, historyCount: 10 }");

        _config.Valid().Flows.Single().ScreenPop.ShouldBe(new ScreenPopSettings { BudgetMs = 900, SystemTimeoutMs = 300, CacheSeconds = 0, HistoryCount = 10 });
    }

    [Fact]
    public void A_screen_pop_flow_without_the_section_takes_the_defaults_and_other_flows_have_none()
    {
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop");
        _config.Write("flows/log.yaml", "name: log\ncapability: callLogging");

        var flows = _config.Valid().Flows;

        flows.Single(f => f.Name == "pop").ScreenPop.ShouldBe(ScreenPopSettings.Default);
        flows.Single(f => f.Name == "log").ScreenPop.ShouldBeNull();
    }

    [Fact]
    public void A_budget_out_of_range_is_an_error()
    {
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nscreenPop:\n  budgetMs: 50");

        _config.SingleError().ShouldBeAt("flows/pop.yaml", 4, 13, "screenPop.budgetMs", "50", "is not between 100 and 30000");
    }

    [Fact]
    public void A_system_timeout_longer_than_the_budget_is_an_error()
    {
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nscreenPop:\n  budgetMs: 500\n  systemTimeoutMs: 800");

        _config.SingleError().ShouldBeAt("flows/pop.yaml", 5, 20, "screenPop.systemTimeoutMs", "800",
            "is longer than the whole pop's budgetMs (500); a system can never take longer than the pop");
    }

    [Fact]
    public void The_section_on_another_capability_is_an_error()
    {
        _config.Write("flows/log.yaml", "name: log\ncapability: callLogging\nscreenPop: { budgetMs: 900 }");

        _config.SingleError().ShouldBeAt("flows/log.yaml", 3, 1, "screenPop", null, "is only for flows whose capability is screenPop");
    }

    [Fact]
    public void The_system_to_create_customers_in_is_bound()
    {
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nscreenPop: { createIn: crm }");

        _config.Valid().Flows.Single().ScreenPop!.CreateIn.ShouldBe("crm");
    }

    [Fact]
    public void Creating_customers_in_a_system_that_does_not_exist_is_an_error_with_a_suggestion()
    {
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nscreenPop:\n  createIn: cmr");

        _config.SingleError().ShouldBeAt("flows/pop.yaml", 4, 13, "screenPop.createIn", "cmr", "is not a system; did you mean 'crm'? (defined: crm)");
    }
}
