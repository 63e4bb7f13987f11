using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Server.Hosting;

namespace Switchboard.Testing;

/// <summary>
/// The hub as a separate operating-system process (the built <c>switchboard serve</c>), so a test can
/// kill it with SIGKILL and start it again on the same configuration and data.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HubProcess(Process process) => _process = process;

    /// <summary>The operating system's id of the hub process.</summary>
    public int ProcessId => _process.Id;

    public static string CliAssembly
    {
        get
        {
            // tests/X/bin/<Configuration>/net10.0/ -> src/Switchboard.Cli/bin/<Configuration>/net10.0/switchboard.dll
            var binary = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = binary.Parent!.Name;
            var path = Path.Combine(RepositoryRoot.Path, "src", "Switchboard.Cli", "bin", configuration, "net10.0", "switchboard.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the CLI first: {path} is missing.", path);
        }
    }

    /// <param name="started">Told the process id as soon as the process exists, before it is ready.</param>
    public static async Task<HubProcess> StartAsync(string configDirectory, Uri address, IDictionary<string, string>? environment = null, Action<int>? started = null)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", CliAssembly, "serve", "--config", configDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the hub process");
        started?.Invoke(process.Id);
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hub = new HubProcess(process);
        await hub.WaitUntilReadyAsync(configDirectory, address);
        return hub;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static HttpClient Client(string configDirectory, Uri address, string apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Thumbprint(configDirectory) },
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static string Thumbprint(string configDirectory)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(DevelopmentCertificate.PathIn(Path.Combine(configDirectory, "data")), password: null);
        return certificate.Thumbprint;
    }

    private async Task WaitUntilReadyAsync(string configDirectory, Uri address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the hub process exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var client = Client(configDirectory, address, "none");
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or FileNotFoundException or DirectoryNotFoundException or System.Security.Cryptography.CryptographicException)
            {
                // Not listening yet, or the certificate is not written yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the hub process did not become ready within 60 s");
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
