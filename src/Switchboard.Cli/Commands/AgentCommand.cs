using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Cli.Commands;

public static class AgentCommand
{
    public static Command Create()
    {
        var command = new Command("agent", "Create, list and disable the local accounts agents sign in to the desktop with.");
        command.Subcommands.Add(CreateAccount());
        command.Subcommands.Add(ListAccounts());
        command.Subcommands.Add(DisableAccount());
        command.Subcommands.Add(SetPassword());
        return command;
    }

    private static Command CreateAccount()
    {
        var config = CommonOptions.Config();
        var username = new Option<string>("--username") { Description = "The sign-in name, e.g. 'li.wei' (case does not matter)", Required = true };
        var name = new Option<string>("--name") { Description = "The name the desktop shows, e.g. '李伟'", Required = true };
        var agentId = new Option<string>("--agent-id") { Description = "The contact center's agent id calls are offered to, e.g. 'agent-7'", Required = true };
        var role = new Option<string>("--role")
        {
            Description = $"The account's role ({string.Join(", ", AccountService.AssignableRoles)})",
            DefaultValueFactory = _ => Roles.Agent,
        };
        var passwordStdin = PasswordStdin();
        var command = new Command("create", "Create an agent account; the password is read from standard input or prompted for.")
        {
            config, username, name, agentId, role, passwordStdin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var password = await ReadPasswordAsync(parse.GetValue(passwordStdin), error, ct);
            if (password is null)
            {
                return ExitCodes.Failed;
            }

            var errors = AccountService.Validate(parse.GetValue(username), parse.GetValue(name), parse.GetValue(agentId), parse.GetValue(role), password);
            if (errors.Count > 0)
            {
                await WriteAsync(error, errors);
                return ExitCodes.Failed;
            }

            return await WithAccountsAsync(parse, config, async (accounts, output) =>
            {
                try
                {
                    var account = await accounts.CreateAsync(
                        parse.GetValue(username)!, parse.GetValue(name)!, parse.GetValue(agentId)!, parse.GetValue(role)!, password, ct);
                    await output.WriteLineAsync($"Created account {account.Username} for agent {account.AgentId} ({account.Role}).");
                    return ExitCodes.Ok;
                }
                catch (AccountValidationException ex)
                {
                    await WriteAsync(error, ex.Errors);
                    return ExitCodes.Failed;
                }
            }, ct);
        });
        return command;
    }

    private static Command ListAccounts()
    {
        var config = CommonOptions.Config();
        var command = new Command("list", "List agent accounts (never their passwords).") { config };
        command.SetAction((parse, ct) => WithAccountsAsync(parse, config, async (accounts, output) =>
        {
            var now = TimeProvider.System.GetUtcNow();
            foreach (var a in await accounts.ListAsync(ct))
            {
                var state = a.DisabledAt is { } d ? $"disabled {d:u}" : a.IsLockedAt(now) ? $"locked until {a.LockedUntil:u}" : "active";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Username,-20} {a.DisplayName,-24} {a.AgentId,-12} {a.Role,-10} created {a.CreatedAt:u}  {state}"));
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command DisableAccount()
    {
        var config = CommonOptions.Config();
        var username = new Argument<string>("username") { Description = "The account's sign-in name" };
        var command = new Command("disable", "Disable an agent account; it can no longer sign in and its agent id is free again.") { config, username };
        command.SetAction((parse, ct) => WithAccountsAsync(parse, config, async (accounts, output) =>
        {
            if (await accounts.DisableAsync(parse.GetValue(username)!, ct))
            {
                await output.WriteLineAsync($"Disabled {parse.GetValue(username)!.ToLowerInvariant()}.");
                return ExitCodes.Ok;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"No enabled account has username '{parse.GetValue(username)}'.");
            return ExitCodes.Failed;
        }, ct));
        return command;
    }

    private static Command SetPassword()
    {
        var config = CommonOptions.Config();
        var username = new Argument<string>("username") { Description = "The account's sign-in name" };
        var passwordStdin = PasswordStdin();
        var command = new Command("set-password", "Set an agent account's password and lift any lockout.") { config, username, passwordStdin };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var password = await ReadPasswordAsync(parse.GetValue(passwordStdin), error, ct);
            if (password is null)
            {
                return ExitCodes.Failed;
            }

            return await WithAccountsAsync(parse, config, async (accounts, output) =>
            {
                try
                {
                    if (await accounts.SetPasswordAsync(parse.GetValue(username)!, password, ct))
                    {
                        await output.WriteLineAsync($"Set the password of {parse.GetValue(username)!.ToLowerInvariant()}.");
                        return ExitCodes.Ok;
                    }

                    await error.WriteLineAsync($"No account has username '{parse.GetValue(username)}'.");
                    return ExitCodes.Failed;
                }
                catch (AccountValidationException ex)
                {
                    await WriteAsync(error, ex.Errors);
                    return ExitCodes.Failed;
                }
            }, ct);
        });
        return command;
    }

    private static Option<bool> PasswordStdin() => new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input instead of prompting (for scripts)",
    };

    /// <summary>The password from stdin's first line, or typed twice at a prompt without echo; null (after saying why) when there is none.</summary>
    private static async Task<string?> ReadPasswordAsync(bool fromStdin, TextWriter error, CancellationToken ct)
    {
        if (fromStdin)
        {
            var line = await Console.In.ReadLineAsync(ct);
            if (line is null)
            {
                await error.WriteLineAsync("--password-stdin was given but standard input is empty.");
            }

            return line;
        }

        if (Console.IsInputRedirected)
        {
            await error.WriteLineAsync("There is no terminal to prompt for the password on; pass it on standard input with --password-stdin.");
            return null;
        }

        var first = await PromptAsync("Password: ", error);
        var second = await PromptAsync("Repeat password: ", error);
        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            await error.WriteLineAsync("The passwords do not match.");
            return null;
        }

        return first;
    }

    private static async Task<string> PromptAsync(string prompt, TextWriter error)
    {
        await error.WriteAsync(prompt);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        await error.WriteLineAsync();
        return typed.ToString();
    }

    private static async Task WriteAsync(TextWriter error, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            await error.WriteLineAsync(e.ToString());
        }
    }

    private static async Task<int> WithAccountsAsync(
        ParseResult parse, Option<DirectoryInfo> config, Func<AccountService, TextWriter, Task<int>> action, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var loaded = ConfigurationLoader.Load(parse.GetValue(config)!.FullName);
        if (!loaded.IsValid)
        {
            foreach (var e in loaded.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.InvalidConfiguration;
        }

        await using var hub = await OfflineHub.OpenAsync(loaded.Configuration!, ct);
        return await action(hub.Services.GetRequiredService<AccountService>(), output);
    }
}
