using System.CommandLine;

namespace Switchboard.Cli.Tests;

/// <summary>Runs the switchboard command in-process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SwitchboardCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
