using System.Globalization;
using System.Text.Json;
using Switchboard.Connectors;

namespace Switchboard.Cli.Commands;

/// <summary>Prints what an operation call sent, what came back and how it mapped: the debugging view of a connection.</summary>
public static class OperationReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteExchangesAsync(TextWriter output, OperationTrace trace)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(trace);
        foreach (var exchange in trace.Exchanges)
        {
            var attempt = exchange.Attempt > 1 ? $" (attempt {exchange.Attempt})" : string.Empty;
            await output.WriteLineAsync($"  > {exchange.Request}{attempt}");
            foreach (var (name, value) in exchange.RequestHeaders)
            {
                await output.WriteLineAsync($"    {name}: {value}");
            }

            if (exchange.RequestBody is { Length: > 0 } sent)
            {
                await output.WriteLineAsync(Indent(sent, "    "));
            }

            var ms = exchange.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            var status = exchange.Status is { } code ? code.ToString(CultureInfo.InvariantCulture) : "no answer";
            await output.WriteLineAsync($"  < {status} in {ms} ms{(exchange.Error is null ? string.Empty : $": {exchange.Error}")}");
            if (exchange.ResponseBody is { Length: > 0 } received)
            {
                await output.WriteLineAsync(Indent(received, "    "));
            }
        }
    }

    public static async Task WriteResultAsync(TextWriter output, OperationResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Outcome switch
        {
            OperationOutcome.NoMatch => "no match",
            OperationOutcome.Conflict => $"conflict: {result.Reason}",
            _ => $"{result.Records.Count} record(s)",
        };
        await output.WriteLineAsync($"  = {outcome}");
        foreach (var record in result.Records)
        {
            await output.WriteLineAsync(Indent(record.ToJsonString(Indented), "    "));
        }

        if (result.HighWaterMark is { } mark)
        {
            await output.WriteLineAsync($"  high-water mark: {mark}");
        }
    }

    private static string Indent(string text, string prefix) =>
        string.Join(Environment.NewLine, text.Split('\n').Select(line => prefix + line.TrimEnd('\r')));
}
