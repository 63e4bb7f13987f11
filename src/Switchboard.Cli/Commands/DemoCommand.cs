using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Cli.Demo;
using Switchboard.Configuration;
using Switchboard.Interactions;
using Switchboard.Demo.Crm;
using Switchboard.Demo.Erp;
using Switchboard.Security;
using Switchboard.Security.ApiKeys;
using Switchboard.Server;
using Switchboard.Server.Hosting;

namespace Switchboard.Cli.Commands;

/// <summary>
/// Runs the hub on the embedded default (SQLite, sample configuration) together with the demo CRM and ERP,
/// which it reaches only over HTTP through the connectors the sample configuration declares.
/// </summary>
public static partial class DemoCommand
{
    private const string CrmKey = "demo-crm-key";
    private const string ErpKey = "demo-erp-key";

    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--directory")
        {
            Description = "Where the demo keeps its configuration and data (default: ~/.switchboard/demo)",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".switchboard", "demo")),
        };
        var port = new Option<int>("--port") { Description = "The hub's HTTPS port", DefaultValueFactory = _ => 5443 };
        var crmPort = new Option<int>("--crm-port") { Description = "The demo CRM's port", DefaultValueFactory = _ => 5081 };
        var erpPort = new Option<int>("--erp-port") { Description = "The demo ERP's port", DefaultValueFactory = _ => 5082 };
        var callsEvery = new Option<int>("--calls-every")
        {
            Description = "Place a simulated call to the demo agent every N seconds (0: none)",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("demo", "Run the hub with the sample configuration and a demo CRM and ERP, place simulated calls, and say where to go next.")
        {
            directory, port, crmPort, erpPort, callsEvery,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(directory)!, parse.GetValue(port), parse.GetValue(crmPort), parse.GetValue(erpPort), parse.GetValue(callsEvery),
            parse.InvocationConfiguration.Output, ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo directory, int port, int crmPort, int erpPort, int callsEvery, TextWriter output, CancellationToken ct)
    {
        var configDirectory = Path.Combine(directory.FullName, "config");
        CopySampleConfiguration(configDirectory, port, crmPort, erpPort);
        Environment.SetEnvironmentVariable("DEMO_CRM_API_KEY", CrmKey);
        Environment.SetEnvironmentVariable("DEMO_ERP_API_KEY", ErpKey);

        await using var crm = DemoCrmApp.Build(new DemoCrmOptions { Port = crmPort, ApiKey = CrmKey });
        await using var erp = DemoErpApp.Build(new DemoErpOptions { Port = erpPort, ApiKey = ErpKey });
        await crm.StartAsync(ct);
        await erp.StartAsync(ct);

        await using var hub = HubApplication.Build(configDirectory, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await hub.StartAsync(ct);
        var key = await EnsureDemoKeyAsync(hub.Services, Path.Combine(directory.FullName, "demo-api-key"), ct);
        var agentPassword = await DemoAgent.EnsureAsync(hub.Services, Path.Combine(directory.FullName, "demo-agent-password"), ct);
        var home = hub.ListeningAddress();

        await output.WriteLineAsync($"""

            Switchboard demo is running.

              Hub home page      {home}
                                 (a self-signed development certificate: your browser asks once to trust it)
              API explorer       {home}scalar
              Agent desktop      {home}desktop/   (sign in as "{DemoAgent.Username}", password {agentPassword})
              Admin API key      {key}
              Demo CRM           {crm.Urls.First()}   (X-Api-Key: {CrmKey})
              Demo ERP           {erp.Urls.First()}   (X-Api-Key: {ErpKey})
              Configuration      {configDirectory}
              Data (SQLite)      {HubPaths.DataDirectory(hub.Services.GetRequiredService<ConfigurationMonitor>().Running())}

            The home page shows the hub's state and its connected systems.
            Try:  curl -k -H "X-Api-Key: {key}" {home}api/v1/status
                  dotnet run --project src/Switchboard.Cli -- check --config {configDirectory}
            {(callsEvery > 0 ? $"A simulated call rings at the demo agent every {callsEvery} s: sign in to the desktop to watch it pop." : "No simulated calls (--calls-every 0).")}
            Press Ctrl+C to stop.
            """);
        var simulator = new DemoCallSimulator(hub.Services.GetRequiredService<IEventIngest>(), TimeProvider.System, output);
        var calls = callsEvery > 0 ? simulator.RunAsync(TimeSpan.FromSeconds(callsEvery), ct) : Task.CompletedTask;

        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("Stopping the demo.");
        }

        await calls.ContinueWith(_ => { }, TaskScheduler.Default);

        await hub.StopAsync(CancellationToken.None);
        await erp.StopAsync(CancellationToken.None);
        await crm.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }

    /// <summary>Refreshes the demo's configuration from the samples shipped with the hub, with the chosen ports.</summary>
    private static void CopySampleConfiguration(string target, int port, int crmPort, int erpPort)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "samples", "config");
        foreach (var file in Directory.EnumerateFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var text = File.ReadAllText(file)
                .Replace("127.0.0.1:5081", $"127.0.0.1:{crmPort}", StringComparison.Ordinal)
                .Replace("127.0.0.1:5082", $"127.0.0.1:{erpPort}", StringComparison.Ordinal);
            text = HttpsPort().Replace(text, $"httpsPort: {port}");
            File.WriteAllText(destination, text);
        }
    }

    /// <summary>Reuses the demo's admin key between runs so bookmarks and scripts keep working.</summary>
    private static async Task<string> EnsureDemoKeyAsync(IServiceProvider services, string path, CancellationToken ct)
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        if (File.Exists(path))
        {
            var saved = (await File.ReadAllTextAsync(path, ct)).Trim();
            if ((await keys.VerifyAsync(saved, ct)).Succeeded)
            {
                return saved;
            }
        }

        var issued = await keys.IssueAsync("demo admin", [Roles.Admin], lifetime: null, ct);
        await File.WriteAllTextAsync(path, issued.Key, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return issued.Key;
    }

    [GeneratedRegex(@"httpsPort:\s*\d+")]
    private static partial Regex HttpsPort();
}
