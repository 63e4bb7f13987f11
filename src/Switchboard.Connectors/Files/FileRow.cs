using Newtonsoft.Json.Linq;

namespace Switchboard.Connectors.Files;

/// <summary>One record read from a file: a CSV row as header to text, or a JSON line; <see cref="Line"/> is 1-based.</summary>
internal sealed record FileRow(int Line, JToken Value);
