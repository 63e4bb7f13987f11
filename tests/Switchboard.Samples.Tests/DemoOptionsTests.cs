using Switchboard.Demo.Crm;
using Switchboard.Demo.Erp;

namespace Switchboard.Samples.Tests;

public sealed class DemoOptionsTests
{
    [Fact]
    public void Crm_options_report_every_bad_field_at_once()
    {
        var error = Should.Throw<ArgumentException>(() => DemoCrmApp.Build(new DemoCrmOptions { Port = 70000, ApiKey = "" }));

        error.Message.ShouldContain("Port");
        error.Message.ShouldContain("ApiKey");
    }

    [Fact]
    public void Erp_options_report_every_bad_field_at_once()
    {
        var error = Should.Throw<ArgumentException>(() => DemoErpApp.Build(new DemoErpOptions { Port = -1, ApiKey = " " }));

        error.Message.ShouldContain("Port");
        error.Message.ShouldContain("ApiKey");
    }

    [Fact]
    public void Defaults_are_the_documented_ports_and_keys()
    {
        var crm = new DemoCrmOptions();
        var erp = new DemoErpOptions();

        (crm.Port, crm.ApiKey).ShouldBe((5081, "demo-crm-key"));
        (erp.Port, erp.ApiKey).ShouldBe((5082, "demo-erp-key"));
    }
}
