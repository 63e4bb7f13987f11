using System.Diagnostics;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Support;

/// <summary>
/// tests/peers: servers written by others (oidc-provider, the npm soap server) that tests run with node.
/// test.sh installs their npm packages; a local run installs them once, when they are missing or
/// older than package-lock.json (the same rule test.sh applies).
/// </summary>
public static class TestPeers
{
    private static readonly SemaphoreSlim InstallOnce = new(1, 1);

    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "peers");

    /// <summary>The peers folder, with its packages installed.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            var installed = Path.Combine(Directory, "node_modules", ".package-lock.json");
            if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(Directory, "package-lock.json")))
            {
                return Directory;
            }

            var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--prefix", Directory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(start)!;
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Directory} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
            }

            return Directory;
        }
        finally
        {
            InstallOnce.Release();
        }
    }
}
