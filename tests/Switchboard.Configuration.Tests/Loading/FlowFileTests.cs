using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class FlowFileTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public FlowFileTests() => _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);

    public void Dispose() => _config.Dispose();

    [Fact]
    public void A_pilot_flow_is_bound_with_its_cohort()
    {
        _config.Write("flows/screen-pop.yaml", """
            name: screen-pop
            capability: screenPop
            mode: pilot
            systems: [crm]
            pilot: { agents: [agent-1], queues: [sales, support], percent: 10 }
            """);

        var flow = _config.Valid().Flows.ShouldHaveSingleItem();

        flow.Name.ShouldBe("screen-pop");
        flow.File.ShouldBe("flows/screen-pop.yaml");
        flow.Capability.ShouldBe(Capability.ScreenPop);
        flow.Mode.ShouldBe(RolloutMode.Pilot);
        flow.Systems.ShouldBe(["crm"]);
        flow.Pilot!.Agents.ShouldBe(["agent-1"]);
        flow.Pilot.Queues.ShouldBe(["sales", "support"]);
        flow.Pilot.Percent.ShouldBe(10);
    }

    [Fact]
    public void A_flow_defaults_to_off_with_every_system()
    {
        _config.Write("flows/logging.yaml", "name: logging\ncapability: callLogging");

        var flow = _config.Valid().Flows.ShouldHaveSingleItem();

        flow.Mode.ShouldBe(RolloutMode.Off);
        flow.Systems.ShouldBeEmpty();
        flow.Pilot.ShouldBeNull();
    }

    [Fact]
    public void A_flow_naming_a_system_that_does_not_exist_is_an_error()
    {
        _config.Write("flows/screen-pop.yaml", """
            name: screen-pop
            capability: screenPop
            systems: [crm, cmr-2]
            """);

        _config.SingleError().ShouldBeAt("flows/screen-pop.yaml", 3, 16, "systems[1]", "cmr-2",
            "is not a system (defined: crm)");
    }

    [Fact]
    public void A_misspelt_system_name_in_a_flow_gets_a_suggestion()
    {
        _config.Write("flows/screen-pop.yaml", """
            name: screen-pop
            capability: screenPop
            systems:
              - cmr
            """);

        _config.SingleError().ShouldBeAt("flows/screen-pop.yaml", 4, 5, "systems[0]", "cmr",
            "is not a system; did you mean 'crm'? (defined: crm)");
    }

    [Fact]
    public void A_bad_capability_lists_the_capabilities()
    {
        _config.Write("flows/x.yaml", "name: x\ncapability: screenpopper");

        _config.SingleError().ShouldBeAt("flows/x.yaml", 2, 13, "capability", "screenpopper",
            "is not one of screenPop, callLogging, orderCapture, ticketing, customerSync");
    }

    [Fact]
    public void Pilot_mode_without_a_cohort_is_an_error()
    {
        _config.Write("flows/x.yaml", "name: x\ncapability: ticketing\nmode: pilot");

        _config.SingleError().ShouldBeAt("flows/x.yaml", 3, 7, "pilot", null,
            "pilot mode needs a cohort: list agents or queues, or give a percent above 0");
    }

    [Fact]
    public void A_pilot_percent_above_a_hundred_is_out_of_range()
    {
        _config.Write("flows/x.yaml", "name: x\ncapability: ticketing\nmode: pilot\npilot:\n  percent: 150");

        _config.SingleError().ShouldBeAt("flows/x.yaml", 5, 12, "pilot.percent", "150", "is not between 0 and 100");
    }
}
