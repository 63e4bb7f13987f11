using Switchboard.Mapping.Validation;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// Checks templates and paths with the mapping engine's own parser, so a mistake is reported at load
/// with its file, line and column instead of failing on the first call.
/// </summary>
internal static class MappingSyntaxCheck
{
    /// <summary>A template field; its text (reported when it does not parse or uses an unknown filter), or null when absent.</summary>
    public static string? Template(MappingReader map, string key, bool required = false) =>
        map.String(key, required) is { } text ? Template(map.File, map.Value(key), map.FieldPath(key), text) : null;

    public static string Template(FileContext file, YamlNode? node, string field, string text)
    {
        if (MappingSyntax.ValidateTemplate(text) is { } reason)
        {
            file.Report(node, field, text, reason);
        }

        return text;
    }

    /// <summary>A JSONPath/XPath field; its text (reported when invalid for the response's format), or null when absent.</summary>
    public static string? Path(MappingReader map, string key, PathSyntax syntax, bool required = false) =>
        map.String(key, required) is { } text ? Path(map.File, map.Value(key), map.FieldPath(key), text, syntax) : null;

    public static string Path(FileContext file, YamlNode? node, string field, string text, PathSyntax syntax)
    {
        if (MappingSyntax.ValidatePath(text, syntax.Format, syntax.Namespaces) is { } reason)
        {
            file.Report(node, field, text, reason);
        }

        return text;
    }
}
