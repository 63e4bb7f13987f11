using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Server.Hosting;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests;

public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task The_demo_runs_the_hub_with_the_demo_systems_and_says_where_to_go()
    {
        using var directory = new TempDirectory("switchboard-demo");
        int hubPort = TestHub.UnusedPort(), crmPort = TestHub.UnusedPort(), erpPort = TestHub.UnusedPort();
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();

        var demo = SwitchboardCommand.Create()
            .Parse(["demo", "--directory", directory.Path, "--port", $"{hubPort}", "--crm-port", $"{crmPort}", "--erp-port", $"{erpPort}"])
            .InvokeAsync(new InvocationConfiguration { Output = synchronized, Error = synchronized }, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Printed(synchronized, output).Contains("Press Ctrl+C", StringComparison.Ordinal) && !demo.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var printed = Printed(synchronized, output);
        demo.IsCompleted.ShouldBeFalse(printed);
        printed.ShouldContain($"https://localhost:{hubPort}/");
        printed.ShouldContain($"127.0.0.1:{crmPort}");
        var key = ApiKey().Match(printed).Value;
        key.ShouldNotBeEmpty(printed);

        var configDirectory = Path.Combine(directory.Path, "config");
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(
            DevelopmentCertificate.PathIn(Path.Combine(configDirectory, "data")), password: null);
        using var hub = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        })
        { BaseAddress = new Uri($"https://localhost:{hubPort}/") };
        hub.DefaultRequestHeaders.Add("X-Api-Key", key);
        var status = await hub.GetFromJsonAsync<JsonElement>("/api/v1/status");
        status.GetProperty("storageReady").GetBoolean().ShouldBeTrue();
        var check = await hub.GetFromJsonAsync<JsonElement>("/api/v1/configuration/check");
        check.GetRawText().ShouldContain("demo-crm");

        // A simulated call rings at the demo agent and pops with what the demo CRM and ERP know of the caller.
        // The first call rings after its moment in the queue (DemoCallSimulator.QueueWait).
        var ringing = SimulatedCall().Match(Printed(synchronized, output));
        for (var attempt = 0; attempt < 100 && !ringing.Success; attempt++)
        {
            await Task.Delay(100);
            ringing = SimulatedCall().Match(Printed(synchronized, output));
        }

        ringing.Success.ShouldBeTrue(Printed(synchronized, output));
        printed.ShouldContain("desktop/");
        JsonElement pop = default;
        // The offered event pops too (without an agent); wait for the ringing one's complete pop.
        for (var attempt = 0; attempt < 100 && !(pop.ValueKind == JsonValueKind.Object && pop.GetProperty("complete").GetBoolean()
            && pop.TryGetProperty("agentId", out _)); attempt++)
        {
            var response = await hub.GetAsync($"/api/v1/screen-pops/{ringing.Groups[1].Value}");
            pop = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            await Task.Delay(100);
        }

        pop.ValueKind.ShouldBe(JsonValueKind.Object, "the simulated call did not pop");
        pop.GetProperty("agentId").GetString().ShouldBe("agent-1");
        // The first caller's number is also the company's billing number in the ERP: the agent picks.
        pop.GetProperty("match").GetString().ShouldBe("multiple", pop.ToString());
        pop.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("displayName").GetString())
            .ShouldBe(["Bayview Dental Group, P.C.", "Emily Carter"], ignoreOrder: true);

        // The demo systems are connected by configuration: the CRM by REST, the ERP by SOAP.
        var crmLive = await CliRun.InvokeAsync("check", "--config", configDirectory, "--live", "demo-crm", "--arg", "phone=+14155550134");
        crmLive.ExitCode.ShouldBe(0, crmLive.Output + crmLive.Error);
        crmLive.Output.ShouldContain("\"lastName\": \"Carter\"", Case.Sensitive, crmLive.Output);
        crmLive.Output.ShouldContain(" 0 failed", Case.Sensitive, crmLive.Output);
        var erpLive = await CliRun.InvokeAsync("check", "--config", configDirectory, "--live", "demo-erp", "--arg", "phone=+14155550193");
        erpLive.ExitCode.ShouldBe(0, erpLive.Output + erpLive.Error);
        erpLive.Output.ShouldContain("\"externalId\": \"C10049\"", Case.Sensitive, erpLive.Output);
        var order = await CliRun.InvokeAsync("call", "--config", configDirectory, "demo-erp", "order.create",
            "--arg", "customerId=C10049", "--arg", "currency=USD", "--json", "lines=[{\"sku\":\"PAP-A4-80\",\"quantity\":2}]");
        order.ExitCode.ShouldBe(0, order.Output + order.Error);
        order.Output.ShouldContain("\"status\": \"submitted\"", Case.Sensitive, order.Output);
        order.Output.ShouldContain("SOAPAction: \"urn:switchboard:demo-erp/GetOrder\"", Case.Sensitive, order.Output);

        using var crm = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{crmPort}/") };
        crm.DefaultRequestHeaders.Add("X-Api-Key", "demo-crm-key");
        (await crm.GetAsync("/api/contacts?phone=4155550134")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var erp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{erpPort}/") };
        (await erp.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await stop.CancelAsync();
        (await demo.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
    }

    // TextWriter.Synchronized locks the wrapper itself, so reading under the same lock sees whole writes.
    private static string Printed(TextWriter synchronized, StringWriter output)
    {
        lock (synchronized)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Simulated call (demo-\d{6}-\d{4}) from")]
    private static partial Regex SimulatedCall();

    [GeneratedRegex(@"sbk_[0-9a-f]{12}_[A-Za-z0-9_-]+")]
    private static partial Regex ApiKey();
}
