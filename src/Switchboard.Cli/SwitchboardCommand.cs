using System.CommandLine;
using Switchboard.Cli.Commands;

namespace Switchboard.Cli;

/// <summary>The root of the <c>switchboard</c> command line.</summary>
public static class SwitchboardCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Switchboard: the hub between your contact center and your CRM, ERP and ticketing systems.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ApiKeyCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(CallCommand.Create());
        root.Subcommands.Add(DeadLetterCommand.Create());
        root.Subcommands.Add(ReconcileCommand.Create());
        return root;
    }
}
