using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>check --live SYSTEM</c>: calls each read operation of a system once and shows what came back and
/// how it mapped. The calls chain: the customer found by phone supplies <c>customerId</c> and
/// <c>externalId</c> to the customer operations after it, an order supplies <c>orderNo</c> (and <c>externalId</c> to order operations), so one
/// <c>--arg phone=…</c> exercises the whole system. An operation whose templates need an argument
/// nobody supplied is skipped with the option that would supply it.
/// </summary>
public static partial class LiveCheck
{
    private static readonly string[] TemplateGlobals = ["now", "secrets", "forloop", "true", "false", "nil", "empty"];

    /// <summary>Returns the exit code: 0 when every called operation worked, 1 otherwise.</summary>
    public static async Task<int> RunAsync(HubConfiguration configuration, string systemName, OperationArguments arguments,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var system = configuration.FindSystem(systemName);
        if (system is null)
        {
            await error.WriteLineAsync($"no system is named '{systemName}' (systems: {string.Join(", ", configuration.Systems.Select(s => s.Name))})");
            return ExitCodes.Failed;
        }

        var reads = system.Operations.Values.Where(o => o.IsRead).OrderBy(Order).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Live check of {system.Name} ({system.Protocol.ToString().ToLowerInvariant()}, {system.Address}): {reads.Count} read operation(s).");
        if (reads.Count == 0)
        {
            return ExitCodes.Ok;
        }

        await using var registry = ConnectorServiceCollectionExtensions.CreateRegistry(configuration, NullLoggerFactory.Instance);
        var connector = registry.Connector(system.Name);
        var (ok, failed, skipped) = (0, 0, 0);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in reads)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(operation.Name);
            var chained = Chain(operation.Name, found, arguments);
            var missing = Variables(operation).Where(v => !chained.ContainsKey(v)).ToList();
            if (missing.Count > 0)
            {
                skipped++;
                await output.WriteLineAsync($"  - skipped: needs {string.Join(", ", missing.Select(m => $"--arg {m}=…"))}");
                continue;
            }

            var result = await CallCommand.CallAsync(connector, operation, chained, output, cancellationToken);
            if (result is null)
            {
                failed++;
                continue;
            }

            ok++;
            if (result.Records.Count > 0 && Text(result.Records[0], "externalId") is { } id)
            {
                found.TryAdd(Entity(operation.Name), id);
                if (Entity(operation.Name) == "order" && Text(result.Records[0], "number") is { } number)
                {
                    found.TryAdd("orderNumber", number);
                }
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{system.Name}: {ok} worked, {failed} failed, {skipped} skipped.");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The arguments an operation's templates read (approximately: the first name after each <c>{{</c>).</summary>
    internal static IEnumerable<string> Variables(OperationDefinition operation)
    {
        var templates = new[] { operation.Path, operation.Body }
            .Concat(operation.Query.Values).Concat(operation.Headers.Values)
            .Concat(operation.Sql?.Parameters.Values ?? []);
        var names = templates.Where(t => t is not null)
            .SelectMany(t => VariablePattern().Matches(t!).Select(m => m.Groups[1].Value));
        if (operation.Sql is { } sql)
        {
            names = names.Concat(SqlParameterPattern().Matches(sql.Query ?? sql.Statement ?? string.Empty)
                .Select(m => m.Groups[1].Value).Where(p => !sql.Parameters.ContainsKey(p)));
        }

        return names.Except(TemplateGlobals, StringComparer.Ordinal).Distinct(StringComparer.Ordinal);
    }

    // Searches first, so what they find feeds the reads by id after them.
    private static int Order(OperationDefinition operation) => operation.Name switch
    {
        OperationNames.CustomerFindByPhone => 0,
        _ when Entity(operation.Name) == "customer" => 1,
        OperationNames.OrderListByCustomer => 2,
        _ when Entity(operation.Name) == "order" => 3,
        OperationNames.TicketListByCustomer => 4,
        _ => 5,
    };

    private static string Entity(string operation) => operation.Split('.')[0];

    /// <summary>
    /// The arguments for one operation: the given ones, plus the ids found so far (<c>customerId</c>,
    /// <c>orderNo</c>, <c>orderId</c>, <c>ticketId</c>) and, as <c>externalId</c>, the id of the
    /// operation's own kind of record. Arguments given on the command line always win.
    /// </summary>
    private static OperationArguments Chain(string operation, IReadOnlyDictionary<string, string> found, OperationArguments given)
    {
        var arguments = given;
        if (found.TryGetValue("customer", out var customer))
        {
            arguments = SetIfAbsent(arguments, "customerId", customer);
        }

        if (found.TryGetValue("order", out var order))
        {
            arguments = SetIfAbsent(SetIfAbsent(arguments, "orderNo", found.GetValueOrDefault("orderNumber", order)), "orderId", order);
        }

        if (found.TryGetValue("ticket", out var ticket))
        {
            arguments = SetIfAbsent(arguments, "ticketId", ticket);
        }

        return found.TryGetValue(Entity(operation), out var own) ? SetIfAbsent(arguments, "externalId", own) : arguments;
    }

    private static OperationArguments SetIfAbsent(OperationArguments arguments, string name, string value) =>
        arguments.ContainsKey(name) ? arguments : arguments.With(name, value);

    private static string? Text(JsonObject record, string field) =>
        record[field] is JsonValue value ? value.ToString() : null;

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"(?<![@\w])@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SqlParameterPattern();
}
