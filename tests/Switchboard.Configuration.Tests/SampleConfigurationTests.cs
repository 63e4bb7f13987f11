namespace Switchboard.Configuration.Tests;

public sealed class SampleConfigurationTests
{
    private static string SampleDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
        {
            directory = directory.Parent;
        }

        directory.ShouldNotBeNull("Switchboard.slnx was not found above the test's base directory");
        return Path.Combine(directory.FullName, "samples", "config");
    }

    [Fact]
    public void The_sample_configuration_is_valid()
    {
        var result = ConfigurationLoader.Load(SampleDirectory());

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        var configuration = result.Configuration!;
        configuration.Storage.Provider.ShouldBe(StorageProvider.Sqlite);
        configuration.Phone.DefaultRegion.ShouldBe("US");
        configuration.Systems.Select(s => s.Name).ShouldBe(["demo-crm", "demo-erp"]);
        configuration.Systems.ShouldAllBe(s => s.Auth.Type == AuthType.ApiKey && s.Auth.Header == "X-Api-Key");
        configuration.FindSystem("demo-crm")!.Auth.Key!.Name.ShouldBe("DEMO_CRM_API_KEY");
        configuration.FindSystem("demo-erp")!.Auth.Key!.Name.ShouldBe("DEMO_ERP_API_KEY");
        configuration.FindSystem("demo-crm")!.AddressUri.ShouldBe(new Uri("http://127.0.0.1:5081/"));
        configuration.FindSystem("demo-erp")!.AddressUri.ShouldBe(new Uri("http://127.0.0.1:5082/soap/erp"));
        configuration.FindSystem("demo-erp")!.Protocol.ShouldBe(SystemProtocol.Soap);
        // The demo runs on 127.0.0.1, which the connectors refuse unless a system allows private networks.
        configuration.Systems.ShouldAllBe(s => s.AllowPrivateNetworks);
        configuration.Flows.Select(f => f.Capability).ShouldBe(
            [Capability.CallLogging, Capability.OrderCapture, Capability.ScreenPop, Capability.Ticketing]);
    }

    [Fact]
    public void Every_capability_is_ready_with_the_sample_configuration()
    {
        var configuration = ConfigurationLoader.Load(SampleDirectory()).Configuration.ShouldNotBeNull();

        var reports = CapabilityCheck.Run(configuration);

        reports.Count.ShouldBe(5);
        reports.ShouldAllBe(report => report.IsReady, string.Join(Environment.NewLine, reports.SelectMany(r => r.Missing)));
        reports.Single(r => r.Capability == Capability.ScreenPop).Providers[OperationNames.CustomerFindByPhone]
            .ShouldBe(["demo-crm", "demo-erp"]);
    }

    [Fact]
    public void The_sample_systems_implement_the_operations_the_demo_needs()
    {
        var configuration = ConfigurationLoader.Load(SampleDirectory()).Configuration.ShouldNotBeNull();

        configuration.FindSystem("demo-crm")!.Operations.Keys.ShouldBe([
            OperationNames.CustomerFindByPhone, OperationNames.CustomerGet, OperationNames.CustomerCreate, OperationNames.CustomerUpsert,
            OperationNames.CustomerListChanged, OperationNames.TicketListByCustomer, OperationNames.TicketCreate,
            OperationNames.InteractionLog,
            OperationNames.InteractionList,
        ], ignoreOrder: true);
        configuration.FindSystem("demo-erp")!.Operations.Keys.ShouldBe([
            OperationNames.CustomerFindByPhone, OperationNames.OrderListByCustomer, OperationNames.OrderCreate,
            OperationNames.OrderGet, OperationNames.OrderListChanged,
        ], ignoreOrder: true);
        configuration.FindSystem("demo-erp")!.Operations[OperationNames.OrderCreate].Soap!.Action.ShouldBe("urn:switchboard:demo-erp/CreateOrder");
        configuration.FindSystem("demo-erp")!.Operations[OperationNames.OrderCreate].ReadBack!.Operation.ShouldBe(OperationNames.OrderGet);
        configuration.Flows.Single(f => f.Capability == Capability.ScreenPop).ScreenPop!.CreateIn.ShouldBe("demo-crm");
        CapabilityCheck.Run(configuration).Single(r => r.Capability == Capability.ScreenPop).Missing.ShouldBeEmpty();
    }
}
