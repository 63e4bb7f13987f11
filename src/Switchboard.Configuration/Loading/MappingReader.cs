using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// Reads the fields of one YAML mapping into typed values. Every problem is reported to the
/// <see cref="FileContext"/> with the node's position and the field's full path, and the read returns
/// null so binding carries on and finds the next problem too. Keys not in the allowed list are
/// reported when the reader is made, with the closest allowed key as a suggestion.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public MappingReader(FileContext file, YamlMappingNode node, string path, IReadOnlyCollection<string> allowed)
    {
        File = file;
        Node = node;
        Path = path;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                file.Report(keyNode, path, null, "has a key that is not a plain name");
                continue;
            }

            if (!allowed.Contains(key))
            {
                file.Report(keyNode, FieldPath(key), null, $"unknown field '{key}'{NameSuggestion.Hint(key, allowed)}");
                continue;
            }

            _entries[key] = (scalarKey, value);
        }
    }

    public FileContext File { get; }

    public YamlMappingNode Node { get; }

    /// <summary>The path of this mapping, e.g. <c>server.limits</c>; empty at the top of a file.</summary>
    public string Path { get; }

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the key is written with a non-null value.</summary>
    public bool Has(string key) => Value(key) is not null;

    /// <summary>The value node, or null when the key is absent or its value is null (<c>~</c>, <c>null</c> or nothing).</summary>
    public YamlNode? Value(string key) =>
        _entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    /// <summary>The key node, for errors about a field as a whole; the mapping itself when the key is absent.</summary>
    public YamlNode KeyOrMapping(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : Node;

    public void ReportMissing(string key, string reason = "is required") =>
        File.Report(Node, FieldPath(key), null, reason);

    public string? String(string key, bool required = false)
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                ReportMissing(key);
            }

            return null;
        }

        return ScalarText(node, FieldPath(key));
    }

    public int? Int(string key, int min, int max, bool required = false) =>
        Long(key, min, max, required) is { } value ? (int)value : null;

    public long? Long(string key, long min, long max, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            File.Report(Value(key), FieldPath(key), text, "is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            File.Report(Value(key), FieldPath(key), text, string.Create(CultureInfo.InvariantCulture, $"is not between {min} and {max}"));
            return null;
        }

        return value;
    }

    public double? Double(string key, double min, double max, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            File.Report(Value(key), FieldPath(key), text, "is not a number");
            return null;
        }

        if (value < min || value > max)
        {
            File.Report(Value(key), FieldPath(key), text, string.Create(CultureInfo.InvariantCulture, $"is not between {min} and {max}"));
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        File.Report(Value(key), FieldPath(key), text, "is not true or false");
        return null;
    }

    /// <summary>
    /// A path to a file that must exist, made absolute from the configuration directory; null when
    /// absent or when the file is missing (reported with the full path looked for).
    /// </summary>
    public string? ExistingFile(string key, bool required = false)
    {
        var text = String(key, required)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            File.Report(Value(key), FieldPath(key), text, "is not a file path");
            return null;
        }

        var full = System.IO.Path.GetFullPath(text, File.ConfigurationDirectory);
        if (!System.IO.File.Exists(full))
        {
            File.Report(Value(key), FieldPath(key), text, $"is not a file that exists (looked for {full})");
            return null;
        }

        return full;
    }

    public T? Enum<T>(string key, EnumNames<T> names, bool required = false)
        where T : struct, System.Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!names.TryParse(text, out var value))
        {
            File.Report(Value(key), FieldPath(key), text, $"is not one of {names.Allowed}");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A secret reference. The text of a field that is not a reference is never echoed in an error,
    /// because it may be the secret itself; a malformed reference (<c>${...}</c>) is.
    /// </summary>
    public SecretReference? Secret(string key, string? baseDirectory, bool required = false)
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                ReportMissing(key);
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } text })
        {
            File.Report(node, FieldPath(key), null, "should be a secret reference like ${env:NAME}, not a list or mapping");
            return null;
        }

        if (!SecretReference.LooksLikeReference(text.Trim()))
        {
            File.Report(node, FieldPath(key), null, "secrets must be references like ${env:NAME} so they never sit in files");
            return null;
        }

        if (!SecretReference.TryParse(text, baseDirectory, out var reference, out var error))
        {
            File.Report(node, FieldPath(key), text.Trim(), error!);
            return null;
        }

        return reference;
    }

    /// <summary>A nested mapping restricted to <paramref name="allowed"/> keys, or null when absent or not a mapping (reported).</summary>
    public MappingReader? Map(string key, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                ReportMissing(key);
            }

            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            ReportNotMapping(node, FieldPath(key));
            return null;
        }

        return new MappingReader(File, mapping, FieldPath(key), allowed);
    }

    /// <summary>The entries of a mapping whose keys are free (operation names, headers); null when absent or not a mapping.</summary>
    public IReadOnlyList<(YamlScalarNode Key, string Name, YamlNode Value)>? Entries(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            ReportNotMapping(node, FieldPath(key));
            return null;
        }

        var entries = new List<(YamlScalarNode, string, YamlNode)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: { Length: > 0 } name } scalarKey)
            {
                entries.Add((scalarKey, name, value));
            }
            else
            {
                File.Report(keyNode, FieldPath(key), null, "has a key that is not a plain name");
            }
        }

        return entries;
    }

    /// <summary>A list of single values; a single value is also accepted as a list of one. Null when absent.</summary>
    public IReadOnlyList<(YamlNode Node, string Text)>? List(string key)
    {
        var node = Value(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode:
                return ScalarText(node, FieldPath(key)) is { } single ? [(node, single)] : null;
            case YamlSequenceNode sequence:
                var items = new List<(YamlNode, string)>();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    if (ScalarText(item, string.Create(CultureInfo.InvariantCulture, $"{FieldPath(key)}[{i}]")) is { } text)
                    {
                        items.Add((item, text));
                    }
                }

                return items;
            default:
                File.Report(node, FieldPath(key), null, "should be a list like [a, b], not a mapping");
                return null;
        }
    }

    /// <summary>Like <see cref="List"/>, with each item's field path: <c>key[i]</c> in a list, <c>key</c> for a single value.</summary>
    public IReadOnlyList<(YamlNode Node, string Field, string Text)>? Items(string key)
    {
        var node = Value(key);
        if (node is not YamlSequenceNode sequence)
        {
            return List(key)?.Select(item => (item.Node, FieldPath(key), item.Text)).ToList();
        }

        var items = new List<(YamlNode, string, string)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"{FieldPath(key)}[{i}]");
            if (ScalarText(sequence.Children[i], field) is { } text)
            {
                items.Add((sequence.Children[i], field, text));
            }
        }

        return items;
    }

    /// <summary>The text of a single value, or null (reported) when the node is a list or a mapping.</summary>
    public string? ScalarText(YamlNode node, string field)
    {
        switch (node)
        {
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            case YamlScalarNode { Value: { } text }:
                return text;
            case YamlSequenceNode:
                File.Report(node, field, null, "should be a single value, not a list");
                return null;
            default:
                File.Report(node, field, null, "should be a single value, not a mapping");
                return null;
        }
    }

    public void ReportNotMapping(YamlNode node, string field) =>
        File.Report(node, field, node is YamlScalarNode { Value: { } text } ? text : null,
            node is YamlSequenceNode ? "should be a mapping of fields (key: value lines), not a list" : "should be a mapping of fields (key: value lines)");

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" }
        or YamlScalarNode { Value: null };
}
