using Switchboard.Mapping;

namespace Switchboard.Configuration;

/// <summary>How an operation's paths are read: the response format they are checked against and the XML prefixes they may use.</summary>
internal sealed record PathSyntax(ResponseFormat Format, IReadOnlyDictionary<string, string> Namespaces)
{
    public static readonly PathSyntax Auto = new(ResponseFormat.Auto, new Dictionary<string, string>(StringComparer.Ordinal));
}
