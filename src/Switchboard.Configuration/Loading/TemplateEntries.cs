using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds mappings of names to templates (headers, query parameters, SQL parameters, CSV columns), checking each template.</summary>
internal static partial class TemplateEntries
{
    /// <summary>Header name to template. Names are HTTP tokens and compare ignoring case, so each may appear once.</summary>
    public static IReadOnlyDictionary<string, string> Headers(MappingReader map, string key) =>
        HeaderEntries(map, key).ToDictionary(entry => entry.Name, entry => entry.Text, StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>The headers as bound, each with its value node and field path, for further checks.</summary>
    public static IReadOnlyList<(YamlNode Node, string Field, string Name, string Text)> HeaderEntries(MappingReader map, string key)
    {
        var headers = new List<(YamlNode, string, string, string)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, name, value) in map.Entries(key) ?? [])
        {
            var field = map.FieldPath($"{key}.{name}");
            if (!IsHeaderName(name))
            {
                map.File.Report(keyNode, field, null, $"'{name}' is not a valid HTTP header name");
                continue;
            }

            if (!names.Add(name))
            {
                map.File.Report(keyNode, field, null, $"repeats the header '{name}' (header names ignore case)");
                continue;
            }

            if (Text(map, field, value) is { } text)
            {
                headers.Add((value, field, name, text));
            }
        }

        return headers;
    }

    /// <summary>Name to template, names as written.</summary>
    public static IReadOnlyDictionary<string, string> Named(MappingReader map, string key) =>
        Ordered(map, key).ToDictionary(StringComparer.Ordinal).AsReadOnly();

    /// <summary>Name to template, in the order written.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Ordered(MappingReader map, string key)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var (_, name, value) in map.Entries(key) ?? [])
        {
            if (Text(map, map.FieldPath($"{key}.{name}"), value) is { } text)
            {
                entries.Add(new(name, text));
            }
        }

        return entries.AsReadOnly();
    }

    /// <summary>RFC 9110 token characters.</summary>
    public static bool IsHeaderName(string name) => HeaderNamePattern().IsMatch(name);

    private static string? Text(MappingReader map, string field, YamlNode value)
    {
        if (MappingReader.IsNull(value))
        {
            map.File.Report(value, field, null, "has no value: write a template like {{ name }} (or '' for an empty value)");
            return null;
        }

        return map.ScalarText(value, field) is { } text ? MappingSyntaxCheck.Template(map.File, value, field, text) : null;
    }

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderNamePattern();
}
