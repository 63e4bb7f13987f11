using System.Diagnostics;
using System.Text.Json;

namespace Switchboard.Ingress.Tests.Soap;

/// <summary>Runs zeep_client.py with python3-zeep from Debian against a WSDL address and returns its JSON report.</summary>
public static class ZeepClient
{
    public static async Task<JsonElement> RunAsync(Uri wsdl, string apiKey, string runId, string? caFile = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Soap", "zeep_client.py");
        // Debian's interpreter, where python3-zeep is installed; another python3 (pyenv) may come first on PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, wsdl.ToString(), apiKey, runId })
        {
            start.ArgumentList.Add(argument);
        }

        if (caFile is not null)
        {
            start.ArgumentList.Add("--cafile");
            start.ArgumentList.Add(caFile);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"zeep_client.py did not finish in 90 s: {await stderr}");
        }

        var output = await stdout;
        process.ExitCode.ShouldBe(0, $"zeep_client.py failed: {await stderr}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>What zeep_client.py must report against any correctly working SOAP ingress.</summary>
    public static void AssertReport(JsonElement report, string run)
    {
        Result(report.GetProperty("submit")).ShouldBe(($"{run}-1", "accepted"));
        Result(report.GetProperty("resend")).ShouldBe(($"{run}-1", "duplicate"));
        report.GetProperty("batch").EnumerateArray().Select(Result)
            .ShouldBe([($"{run}-2", "accepted"), ($"{run}-1", "duplicate"), ($"{run}-3", "accepted")]);
        Result(report.GetProperty("soap12")).ShouldBe(($"{run}-4", "accepted"));

        var invalid = report.GetProperty("invalid");
        invalid.GetProperty("raised").GetBoolean().ShouldBeTrue();
        invalid.GetProperty("message").GetString()!.ShouldContain("event.type: 'call.bogus' is not an event type");
        Fields(invalid).ShouldBe(["event.type"]);

        var batch = report.GetProperty("invalidBatch");
        batch.GetProperty("message").GetString()!.ShouldContain("nothing was ingested");
        Fields(batch).ShouldBe(["events[1].from"]);

        var anonymous = report.GetProperty("anonymous");
        anonymous.GetProperty("raised").GetBoolean().ShouldBeTrue();
        anonymous.GetProperty("message").GetString().ShouldBe("Send an API key in the X-Api-Key header.");
    }

    private static (string?, string?) Result(JsonElement r) => (r.GetProperty("eventId").GetString(), r.GetProperty("outcome").GetString());

    private static string?[] Fields(JsonElement fault) => [.. fault.GetProperty("fields").EnumerateArray().Select(f => f.GetString())];
}
