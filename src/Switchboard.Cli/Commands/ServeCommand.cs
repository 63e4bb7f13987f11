using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Switchboard.Server;
using Switchboard.Server.Hosting;

namespace Switchboard.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("serve", "Run the hub with a configuration directory until stopped (Ctrl+C or SIGTERM).") { config };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            WebApplication app;
            try
            {
                app = HubApplication.Build(parse.GetValue(config)!.FullName);
            }
            catch (InvalidConfigurationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.InvalidConfiguration;
            }

            await using (app)
            {
                await app.StartAsync(ct);
                await output.WriteLineAsync($"Switchboard is serving on {app.ListeningAddress()} (readiness: {app.ListeningAddress()}health/ready)");
                await app.WaitForShutdownAsync(ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
