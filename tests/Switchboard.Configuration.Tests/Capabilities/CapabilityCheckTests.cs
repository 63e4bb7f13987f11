using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Capabilities;

public sealed class CapabilityCheckTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    private static string System(string name, string mode, params string[] operations) =>
        $"name: {name}\nprotocol: rest\nmode: {mode}\naddress: http://{name}/\noperations:\n"
        + string.Concat(operations.Select(operation => $"  {operation}:\n    path: /{operation}\n"));

    private CapabilityReport Report(Capability capability) =>
        CapabilityCheck.Run(_config.Valid()).Single(report => report.Capability == capability);

    [Fact]
    public void Every_capability_is_reported()
    {
        CapabilityCheck.Run(_config.Valid()).Select(report => report.Name)
            .ShouldBe(["screenPop", "callLogging", "orderCapture", "ticketing", "customerSync"]);
    }

    [Fact]
    public void A_capability_is_ready_when_a_system_implements_what_it_needs()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.findByPhone", "ticket.listByCustomer"));
        _config.Write("systems/erp.yaml", System("erp", "on", "customer.findByPhone", "order.listByCustomer"));

        var report = Report(Capability.ScreenPop);

        report.IsReady.ShouldBeTrue();
        report.Missing.ShouldBeEmpty();
        report.Systems.ShouldBe(["crm", "erp"]);
        report.Providers[OperationNames.CustomerFindByPhone].ShouldBe(["crm", "erp"]);
        report.Providers[OperationNames.OrderListByCustomer].ShouldBe(["erp"]);
        report.Providers[OperationNames.TicketListByCustomer].ShouldBe(["crm"]);
        report.Notes.ShouldBe(["screenPop: no flow uses this capability"]);
    }

    [Fact]
    public void A_missing_operation_is_named_in_plain_english()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.get"));

        var report = Report(Capability.ScreenPop);

        report.IsReady.ShouldBeFalse();
        report.Missing.ShouldBe(["screenPop: no system implements customer.findByPhone"]);
        report.Providers[OperationNames.CustomerFindByPhone].ShouldBeEmpty();
        report.Notes.ShouldContain("screenPop: no system implements order.listByCustomer (optional: recent orders are not shown)");
    }

    [Fact]
    public void A_system_that_is_off_does_not_count()
    {
        _config.Write("systems/crm.yaml", System("crm", "off", "interaction.log"));

        var report = Report(Capability.CallLogging);

        report.IsReady.ShouldBeFalse();
        report.Systems.ShouldBeEmpty();
        report.Missing.ShouldBe(["callLogging: no system implements interaction.log (crm implements it but is off)"]);
    }

    [Fact]
    public void Systems_in_shadow_and_pilot_count()
    {
        _config.Write("systems/a.yaml", System("a", "shadow", "ticket.create"));
        _config.Write("systems/b.yaml", System("b", "pilot", "interaction.log"));

        Report(Capability.Ticketing).IsReady.ShouldBeTrue();
        Report(Capability.CallLogging).IsReady.ShouldBeTrue();
    }

    [Fact]
    public void A_flow_restricted_to_systems_counts_only_those()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.findByPhone"));
        _config.Write("systems/erp.yaml", System("erp", "on", "order.listByCustomer"));
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nmode: on\nsystems: [erp]");

        var report = Report(Capability.ScreenPop);

        report.IsReady.ShouldBeFalse();
        report.IsEnabled.ShouldBeTrue();
        report.Flows.ShouldBe(["pop"]);
        report.Systems.ShouldBe(["erp"]);
        report.Missing.ShouldBe(["screenPop: no system implements customer.findByPhone (crm implements it but flow 'pop' does not name it)"]);
    }

    [Fact]
    public void A_flow_without_a_system_list_uses_every_system()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.findByPhone"));
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nmode: on");

        var report = Report(Capability.ScreenPop);

        report.IsReady.ShouldBeTrue();
        report.IsEnabled.ShouldBeTrue();
        report.Systems.ShouldBe(["crm"]);
    }

    [Fact]
    public void Order_capture_needs_create_and_a_way_to_follow_the_order()
    {
        _config.Write("systems/erp.yaml", System("erp", "on", "order.create"));

        Report(Capability.OrderCapture).Missing.ShouldBe(["orderCapture: no system implements order.get or order.listChanged"]);

        _config.Write("systems/erp.yaml", System("erp", "on", "order.create", "order.listChanged"));

        Report(Capability.OrderCapture).IsReady.ShouldBeTrue();
    }

    [Fact]
    public void Customer_sync_lists_each_missing_operation()
    {
        Report(Capability.CustomerSync).Missing.ShouldBe([
            "customerSync: no system implements customer.upsert",
            "customerSync: no system implements customer.listChanged",
        ]);
    }

    [Fact]
    public void A_near_miss_custom_operation_is_pointed_out()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.findByphone"));

        Report(Capability.ScreenPop).Missing.ShouldBe([
            "screenPop: no system implements customer.findByPhone (crm has 'customer.findByphone'; did you mean 'customer.findByPhone'?)",
        ]);
    }

    [Fact]
    public void Flows_that_are_all_off_are_noted()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "ticket.create"));
        _config.Write("flows/t.yaml", "name: t\ncapability: ticketing\nmode: off");

        var report = Report(Capability.Ticketing);

        report.IsEnabled.ShouldBeFalse();
        report.IsReady.ShouldBeTrue();
        report.Notes.ShouldContain("ticketing: every flow for it is off (t)");
    }

    [Fact]
    public void A_system_to_create_customers_in_without_customer_create_or_upsert_makes_the_screen_pop_not_ready()
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.findByPhone"));
        _config.Write("flows/pop.yaml", "name: screen-pop\ncapability: screenPop\nmode: on\nscreenPop: { createIn: crm }");

        var report = Report(Capability.ScreenPop);

        report.IsReady.ShouldBeFalse();
        report.Missing.ShouldBe(["screenPop: system 'crm' (screenPop.createIn of flow 'screen-pop') implements neither customer.create nor customer.upsert, "
            + "so the desktop cannot create customers there"]);
    }

    [Theory]
    [InlineData("customer.create")]
    [InlineData("customer.upsert")]
    public void A_system_to_create_customers_in_needs_one_of_the_two_operations(string operation)
    {
        _config.Write("systems/crm.yaml", System("crm", "on", "customer.findByPhone", operation));
        _config.Write("flows/pop.yaml", "name: screen-pop\ncapability: screenPop\nmode: on\nscreenPop: { createIn: crm }");

        Report(Capability.ScreenPop).Missing.ShouldBeEmpty();
    }
}

