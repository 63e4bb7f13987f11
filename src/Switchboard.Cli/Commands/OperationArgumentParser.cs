using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Connectors;

namespace Switchboard.Cli.Commands;

/// <summary>Turns <c>--arg name=value</c> (text) and <c>--json name=VALUE</c> (a JSON value) into operation arguments.</summary>
public static class OperationArgumentParser
{
    /// <summary>The arguments, or an error naming the option and why.</summary>
    public static (OperationArguments? Arguments, string? Error) Parse(IEnumerable<string> texts, IEnumerable<string> jsons)
    {
        var values = new List<KeyValuePair<string, object?>>();
        foreach (var text in texts)
        {
            if (Split(text) is not (string name, string value))
            {
                return (null, $"--arg '{text}' should be name=value");
            }

            values.Add(KeyValuePair.Create<string, object?>(name, value));
        }

        foreach (var text in jsons)
        {
            if (Split(text) is not (string name, string value))
            {
                return (null, $"--json '{text}' should be name=JSON");
            }

            try
            {
                values.Add(KeyValuePair.Create<string, object?>(name, JsonNode.Parse(value)));
            }
            catch (JsonException ex)
            {
                return (null, $"--json {name}: '{value}' is not JSON ({ex.Message})");
            }
        }

        return (OperationArguments.From(values), null);
    }

    private static (string, string)? Split(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : (text[..equals].Trim(), text[(equals + 1)..]);
    }
}
