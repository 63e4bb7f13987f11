using System.CommandLine;
using Switchboard.Configuration;

namespace Switchboard.Cli.Commands;

public static class CheckCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var live = new Option<string?>("--live")
        {
            Description = "Also call each read operation of this system once and show what came back and how it mapped.",
        };
        var args = CallCommand.ArgOption();
        var json = CallCommand.JsonOption();
        var command = new Command("check", "Validate the configuration and say what each capability is missing.") { config, live, args, json };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var directory = parse.GetValue(config)!.FullName;
            var result = ConfigurationLoader.Load(directory);
            if (!result.IsValid)
            {
                await error.WriteLineAsync($"{directory}: {result.Errors.Count} error(s); the hub would not start with this configuration:");
                foreach (var e in result.Errors)
                {
                    await error.WriteLineAsync($"  {e}");
                }

                return ExitCodes.InvalidConfiguration;
            }

            var configuration = result.Configuration!;
            await output.WriteLineAsync($"{directory}: valid ({configuration.Systems.Count} system(s), {configuration.Flows.Count} flow(s)).");
            await output.WriteLineAsync();
            await output.WriteLineAsync("Capabilities:");
            foreach (var report in CapabilityCheck.Run(configuration))
            {
                await WriteAsync(output, report);
            }

            if (parse.GetValue(live) is not { } system)
            {
                return ExitCodes.Ok;
            }

            var (arguments, argumentError) = OperationArgumentParser.Parse(parse.GetValue(args) ?? [], parse.GetValue(json) ?? []);
            if (arguments is null)
            {
                await error.WriteLineAsync(argumentError);
                return ExitCodes.Failed;
            }

            return await LiveCheck.RunAsync(configuration, system, arguments, output, error, ct);
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, CapabilityReport report)
    {
        var state = (report.IsReady, report.IsEnabled) switch
        {
            (true, true) => "ready",
            (true, false) => "ready (no flow turned on)",
            (false, _) => "NOT READY",
        };
        await output.WriteLineAsync($"  {report.Name,-14} {state}");
        foreach (var (operation, systems) in report.Providers)
        {
            await output.WriteLineAsync($"      {operation,-24} {(systems.Count == 0 ? "-" : string.Join(", ", systems))}");
        }

        foreach (var missing in report.Missing)
        {
            await output.WriteLineAsync($"      missing: {missing}");
        }

        foreach (var note in report.Notes)
        {
            await output.WriteLineAsync($"      note: {note}");
        }
    }
}
