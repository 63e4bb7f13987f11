using Switchboard.Demo.Crm;
using Switchboard.Demo.Erp;

namespace Switchboard.Samples.Tests.Support;

/// <summary>Starts the demo CRM and ERP on free ports.</summary>
public static class DemoSystems
{
    public static Task<RunningDemo> StartCrmAsync(TimeProvider? time = null) =>
        RunningDemo.StartAsync(
            DemoCrmApp.Build(new DemoCrmOptions { Port = 0, TimeProvider = time ?? TimeProvider.System }),
            DemoCrmOptions.DefaultApiKey);

    public static Task<RunningDemo> StartErpAsync(TimeProvider? time = null) =>
        RunningDemo.StartAsync(
            DemoErpApp.Build(new DemoErpOptions { Port = 0, TimeProvider = time ?? TimeProvider.System }),
            DemoErpOptions.DefaultApiKey);
}
