using System.Text.Json;

namespace Switchboard.Core.Common;

/// <summary>Says where and why a request body is not the JSON it should be, in one sentence for a problem's detail.</summary>
public static class JsonErrors
{
    public static string Describe(JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var where = json.Path is null ? "" : $" at {json.Path} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})";
        return $"The body is not valid JSON{where}: {FirstSentence(json.Message)}";
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." which Describe reports in its own words.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
