using System.Diagnostics;
using System.Text.Json;

namespace Switchboard.Samples.Tests.Erp.Soap;

/// <summary>Runs erp_zeep_client.py with Debian's python3-zeep against the ERP's WSDL and returns its JSON report.</summary>
public static class ErpZeepClient
{
    public static async Task<JsonElement> RunAsync(Uri wsdl, string apiKey)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Erp", "Soap", "erp_zeep_client.py");
        // Debian's interpreter, where python3-zeep is installed; another python3 (pyenv) may come first on PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, wsdl.ToString(), apiKey })
        {
            start.ArgumentList.Add(argument);
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
            throw new TimeoutException($"erp_zeep_client.py did not finish in 90 s: {await stderr}");
        }

        var output = await stdout;
        process.ExitCode.ShouldBe(0, $"erp_zeep_client.py failed: {await stderr}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
