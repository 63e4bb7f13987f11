using System.Diagnostics;

namespace Switchboard.Connectors.Tests.Soap;

/// <summary>Runs tests/peers/soap-server.mjs (the npm "soap" package) on 127.0.0.1 for the length of a test.</summary>
public sealed class NodeSoapServer : IAsyncDisposable
{
    private readonly Process _process;

    private NodeSoapServer(Process process, int port)
    {
        _process = process;
        Address = $"http://127.0.0.1:{port}/";
    }

    public string Address { get; }

    public static async Task<NodeSoapServer> StartAsync(int port)
    {
        var peers = await Support.TestPeers.EnsureInstalledAsync();
        var process = Process.Start(new ProcessStartInfo("node", ["soap-server.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "listening")
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill();
            throw new InvalidOperationException($"the npm soap server did not start: {line} {error}");
        }

        return new NodeSoapServer(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
