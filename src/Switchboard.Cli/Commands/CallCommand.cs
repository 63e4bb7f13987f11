using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;

namespace Switchboard.Cli.Commands;

/// <summary><c>switchboard call SYSTEM OPERATION --arg k=v</c>: runs one operation by hand and shows every exchange.</summary>
public static class CallCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var system = new Argument<string>("system") { Description = "The system's name (systems/NAME.yaml)." };
        var operation = new Argument<string>("operation") { Description = "The operation, e.g. customer.findByPhone." };
        var args = ArgOption();
        var json = JsonOption();
        var command = new Command("call", "Call one operation of a system by hand (whatever its mode) and show the requests, the answers and the mapped result.")
        {
            config, system, operation, args, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var (arguments, argumentError) = OperationArgumentParser.Parse(parse.GetValue(args) ?? [], parse.GetValue(json) ?? []);
            if (arguments is null)
            {
                await error.WriteLineAsync(argumentError);
                return ExitCodes.Failed;
            }

            var configuration = await LoadAsync(parse.GetValue(config)!.FullName, error);
            if (configuration is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var systemName = parse.GetValue(system)!;
            var operationName = parse.GetValue(operation)!;
            await using var registry = ConnectorServiceCollectionExtensions.CreateRegistry(configuration, NullLoggerFactory.Instance);
            var definition = configuration.FindSystem(systemName);
            if (definition is null)
            {
                await error.WriteLineAsync($"no system is named '{systemName}' (systems: {string.Join(", ", configuration.Systems.Select(s => s.Name))})");
                return ExitCodes.Failed;
            }

            if (!definition.Operations.TryGetValue(operationName, out var op))
            {
                await error.WriteLineAsync($"{systemName} does not define '{operationName}' (it defines {string.Join(", ", definition.Operations.Keys)})");
                return ExitCodes.Failed;
            }

            await output.WriteLineAsync($"{systemName} {operationName}");
            return await CallAsync(registry.Connector(systemName), op, arguments, output, ct) is null ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    internal static Option<string[]> ArgOption() => new("--arg", "-a")
    {
        Description = "An argument as name=value (text); repeat for more.",
        AllowMultipleArgumentsPerToken = false,
    };

    internal static Option<string[]> JsonOption() => new("--json")
    {
        Description = "An argument as name=JSON (a number, list or object); repeat for more.",
    };

    internal static async Task<HubConfiguration?> LoadAsync(string directory, TextWriter error)
    {
        var result = ConfigurationLoader.Load(directory);
        if (result.IsValid)
        {
            return result.Configuration;
        }

        await error.WriteLineAsync($"{directory}: {result.Errors.Count} error(s):");
        foreach (var e in result.Errors)
        {
            await error.WriteLineAsync($"  {e}");
        }

        return null;
    }

    /// <summary>Calls and prints; the result, or null when the call failed (the reason is printed).</summary>
    internal static async Task<OperationResult?> CallAsync(IProtocolConnector connector, OperationDefinition operation,
        OperationArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var trace = new OperationTrace();
        try
        {
            var result = await connector.InvokeAsync(operation, arguments, trace, cancellationToken);
            await OperationReport.WriteExchangesAsync(output, trace);
            await OperationReport.WriteResultAsync(output, result);
            return result;
        }
        catch (ConnectorException ex)
        {
            await OperationReport.WriteExchangesAsync(output, trace);
            await output.WriteLineAsync($"  ! FAILED ({ex.Kind}): {ex.Message}");
            return null;
        }
    }
}
