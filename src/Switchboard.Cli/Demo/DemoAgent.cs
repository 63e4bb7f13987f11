using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Security.Accounts;

namespace Switchboard.Cli.Demo;

/// <summary>The demo's agent account: made on first run with a random password kept next to the demo's data.</summary>
public static class DemoAgent
{
    public const string Username = "agent";

    /// <summary>The password of the demo agent, creating the account (or resetting its password) when needed.</summary>
    public static async Task<string> EnsureAsync(IServiceProvider services, string passwordFile, CancellationToken ct)
    {
        var accounts = services.GetRequiredService<AccountService>();
        if (File.Exists(passwordFile))
        {
            var saved = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
            if ((await accounts.VerifyAsync(Username, saved, ct)).Succeeded)
            {
                return saved;
            }
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
        if (await accounts.FindAsync(Username, ct) is null)
        {
            await accounts.CreateAsync(Username, "Demo Agent", DemoCallSimulator.AgentId, Roles.Agent, password, ct);
        }
        else
        {
            await accounts.SetPasswordAsync(Username, password, ct);
        }

        await File.WriteAllTextAsync(passwordFile, password, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return password;
    }
}
