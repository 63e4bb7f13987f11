using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>The rule for system and flow names.</summary>
internal static partial class NameRules
{
    public const int MaxLength = 64;

    /// <summary>The name, or null (reported) when it is missing or not lowercase letters, digits and '-'.</summary>
    public static (string? Name, YamlNode Node) Read(MappingReader root)
    {
        var name = root.String("name", required: true);
        var node = root.Value("name") ?? root.Node;
        if (name is null)
        {
            return (null, node);
        }

        if (name.Length > MaxLength || !NamePattern().IsMatch(name))
        {
            root.File.Report(node, "name", name, $"is not a valid name: use lowercase letters, digits and '-' ({MaxLength} characters at most)");
        }

        return (name, node);
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex NamePattern();
}
