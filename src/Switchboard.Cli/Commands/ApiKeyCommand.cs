using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Configuration;
using Switchboard.Security;
using Switchboard.Security.ApiKeys;
using Switchboard.Server.Hosting;

namespace Switchboard.Cli.Commands;

public static class ApiKeyCommand
{
    public static Command Create()
    {
        var command = new Command("apikey", "Create, list and revoke the API keys systems and scripts use to call the hub.");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        return command;
    }

    private static Command CreateKey()
    {
        var config = CommonOptions.Config();
        var name = new Option<string>("--name") { Description = "Who or what uses the key, e.g. 'asterisk-ingest'", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role the key holds; repeat for several ({string.Join(", ", Roles.All)})",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the key stops working (default: never)" };
        var command = new Command("create", "Create an API key and print it once; only its hash is stored.") { config, name, roles, days };
        command.SetAction((parse, ct) => WithHubAsync(parse, config, async (services, output, error) =>
        {
            TimeSpan? lifetime = parse.GetValue(days) is { } d ? TimeSpan.FromDays(d) : null;
            var errors = ApiKeyService.Validate(parse.GetValue(name), parse.GetValue(roles), lifetime);
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    await error.WriteLineAsync(e.ToString());
                }

                return ExitCodes.Failed;
            }

            var issued = await services.GetRequiredService<ApiKeyService>().IssueAsync(parse.GetValue(name)!, parse.GetValue(roles)!, lifetime, ct);
            await output.WriteLineAsync(issued.Key);
            await error.WriteLineAsync($"Created key {issued.Record.Id} ({string.Join(", ", issued.Record.Roles)}). Store it now: it is not shown again.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command ListKeys()
    {
        var config = CommonOptions.Config();
        var command = new Command("list", "List API keys (never their secrets).") { config };
        command.SetAction((parse, ct) => WithHubAsync(parse, config, async (services, output, _) =>
        {
            foreach (var key in await services.GetRequiredService<ApiKeyService>().ListAsync(ct))
            {
                var state = key.RevokedAt is { } r ? $"revoked {r:u}" : key.ExpiresAt is { } e ? $"expires {e:u}" : "no expiry";
                await output.WriteLineAsync($"{key.Id}  {key.Name,-24} {string.Join(",", key.Roles),-24} created {key.CreatedAt:u}  {state}");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command RevokeKey()
    {
        var config = CommonOptions.Config();
        var id = new Argument<string>("id") { Description = "The key's id (the part after sbk_)" };
        var command = new Command("revoke", "Revoke an API key; it stops working at once.") { config, id };
        command.SetAction((parse, ct) => WithHubAsync(parse, config, async (services, output, error) =>
        {
            if (await services.GetRequiredService<ApiKeyService>().RevokeAsync(parse.GetValue(id)!, ct))
            {
                await output.WriteLineAsync($"Revoked {parse.GetValue(id)}.");
                return ExitCodes.Ok;
            }

            await error.WriteLineAsync($"No active key has id '{parse.GetValue(id)}'.");
            return ExitCodes.Failed;
        }, ct));
        return command;
    }

    private static async Task<int> WithHubAsync(
        ParseResult parse, Option<DirectoryInfo> config, Func<IServiceProvider, TextWriter, TextWriter, Task<int>> action, CancellationToken ct)
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
        return await action(hub.Services, output, error);
    }
}
