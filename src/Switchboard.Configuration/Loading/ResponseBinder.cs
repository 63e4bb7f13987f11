using System.Globalization;
using System.Text.RegularExpressions;
using Switchboard.Mapping;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// Binds an operation's <c>response</c>: format, XML namespaces, the items path and the field mappings,
/// in their short form (<c>name: $.path</c>) or long form (type, format, enum map, default, nested fields
/// and lists), checking every path against the response's format.
/// </summary>
internal static partial class ResponseBinder
{
    private static readonly string[] ResponseKeys = ["format", "namespaces", "items", "fields"];

    private static readonly string[] FieldKeys =
        ["path", "type", "format", "timeZone", "map", "mapOther", "default", "required", "items", "fields"];

    private static readonly string[] NamedDateFormats = ["iso", "epochSeconds", "epochMillis"];

    /// <summary>The mapping (null when absent) and the path syntax the operation's other paths are checked with.</summary>
    public static (ResponseMapping? Mapping, PathSyntax Paths) Bind(MappingReader operation, SystemProtocol? protocol)
    {
        var map = operation.Map("response", ResponseKeys);
        if (map is null)
        {
            return (null, new PathSyntax(DefaultFormat(protocol), PathSyntax.Auto.Namespaces));
        }

        var format = map.Enum("format", YamlEnums.ResponseFormats) ?? ResponseFormat.Auto;
        var namespaces = Namespaces(map, format);
        var paths = new PathSyntax(format == ResponseFormat.Auto ? DefaultFormat(protocol) : format, namespaces);
        var mapping = new ResponseMapping
        {
            Format = format,
            Namespaces = namespaces,
            Items = MappingSyntaxCheck.Path(map, "items", paths),
            Fields = Fields(map, paths),
        };
        return (mapping, paths);
    }

    /// <summary>What an auto format means for checking paths: SOAP answers are XML, rows and records are JSON-like, HTTP may be either.</summary>
    private static ResponseFormat DefaultFormat(SystemProtocol? protocol) => protocol switch
    {
        SystemProtocol.Soap => ResponseFormat.Xml,
        SystemProtocol.Sql or SystemProtocol.File or SystemProtocol.Amqp => ResponseFormat.Json,
        _ => ResponseFormat.Auto,
    };

    private static IReadOnlyDictionary<string, string> Namespaces(MappingReader map, ResponseFormat format)
    {
        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        if (format == ResponseFormat.Json && map.Has("namespaces"))
        {
            map.File.Report(map.KeyOrMapping("namespaces"), map.FieldPath("namespaces"), null, "is only used when the response is XML (format xml or auto)");
            return namespaces.AsReadOnly();
        }

        foreach (var (keyNode, prefix, value) in map.Entries("namespaces") ?? [])
        {
            var field = map.FieldPath($"namespaces.{prefix}");
            if (!PrefixPattern().IsMatch(prefix) || prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
            {
                map.File.Report(keyNode, field, null, $"'{prefix}' is not a valid namespace prefix: use letters, digits, '_', '-' and '.', not starting with a digit or 'xml'");
                continue;
            }

            var uri = map.ScalarText(value, field)?.Trim();
            if (string.IsNullOrEmpty(uri))
            {
                if (uri is not null || MappingReader.IsNull(value))
                {
                    map.File.Report(value, field, null, "needs the namespace URI the prefix stands for");
                }

                continue;
            }

            namespaces[prefix] = uri;
        }

        return namespaces.AsReadOnly();
    }

    private static IReadOnlyDictionary<string, FieldMapping> Fields(MappingReader map, PathSyntax paths)
    {
        var fields = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        foreach (var (_, name, value) in map.Entries("fields") ?? [])
        {
            var field = map.FieldPath($"fields.{name}");
            switch (value)
            {
                case var _ when MappingReader.IsNull(value):
                    map.File.Report(value, field, null, "needs a path (JSONPath like $.id, or XPath)");
                    break;
                case YamlScalarNode { Value: { } path }:
                    fields[name] = FieldMapping.ForPath(MappingSyntaxCheck.Path(map.File, value, field, path, paths));
                    break;
                case YamlMappingNode mapping:
                    fields[name] = Field(new MappingReader(map.File, mapping, field, FieldKeys), paths);
                    break;
                default:
                    map.File.Report(value, field, null, "should be a path or a mapping (path, type, map, default, items, fields), not a list");
                    break;
            }
        }

        return fields.AsReadOnly();
    }

    private static FieldMapping Field(MappingReader map, PathSyntax paths)
    {
        var type = map.Enum("type", YamlEnums.ValueKinds) ?? ValueKind.Auto;
        var path = MappingSyntaxCheck.Path(map, "path", paths);
        var items = MappingSyntaxCheck.Path(map, "items", paths);
        if (path is not null && (items is not null || map.Has("fields")))
        {
            map.File.Report(map.KeyOrMapping("path"), map.FieldPath("path"), null,
                "cannot be combined with items or fields: a value has a path, a list has items, a nested object has fields");
        }

        if (!map.Has("path") && !map.Has("default") && !map.Has("items") && !map.Has("fields"))
        {
            map.File.Report(map.Node, map.Path, null, "needs a path, a default, items or fields");
        }

        var enumMap = EnumMap(map);
        if (enumMap is null && map.Has("mapOther"))
        {
            map.File.Report(map.KeyOrMapping("mapOther"), map.FieldPath("mapOther"), null, "is only used with map");
        }

        return new FieldMapping
        {
            Path = path,
            Type = type,
            Format = DateFormat(map, type),
            TimeZone = TimeZone(map, type),
            Map = enumMap?.AsReadOnly(),
            MapOther = enumMap is null ? null : map.String("mapOther"),
            Default = map.String("default"),
            Required = map.Bool("required") ?? false,
            Items = items,
            Fields = map.Has("fields") ? Fields(map, paths) : null,
        };
    }

    private static string? DateFormat(MappingReader map, ValueKind type)
    {
        var text = map.String("format");
        if (text is null || !IsDate(map, "format", type))
        {
            return null;
        }

        if (NamedDateFormats.FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            return named;
        }

        try
        {
            _ = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).ToString(text, CultureInfo.InvariantCulture);
            return text;
        }
        catch (FormatException)
        {
            map.File.Report(map.Value("format"), map.FieldPath("format"), text,
                "is not iso, epochSeconds, epochMillis or a .NET custom date format (like dd.MM.yyyy HH:mm)");
            return null;
        }
    }

    private static string? TimeZone(MappingReader map, ValueKind type)
    {
        var text = map.String("timeZone")?.Trim();
        if (text is null || !IsDate(map, "timeZone", type))
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(text, out _))
        {
            map.File.Report(map.Value("timeZone"), map.FieldPath("timeZone"), text, "is not a known IANA time zone id (like Europe/Berlin or UTC)");
            return null;
        }

        return text;
    }

    /// <summary>True for dateTime and date; otherwise the date-only field is reported.</summary>
    private static bool IsDate(MappingReader map, string key, ValueKind type)
    {
        if (type is ValueKind.DateTime or ValueKind.Date)
        {
            return true;
        }

        map.File.Report(map.KeyOrMapping(key), map.FieldPath(key), null,
            $"is only used by type dateTime or date (this field's type is {YamlEnums.ValueKinds.NameOf(type)})");
        return false;
    }

    private static Dictionary<string, string>? EnumMap(MappingReader map)
    {
        var entries = map.Entries("map");
        if (entries is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, source, value) in entries)
        {
            var field = map.FieldPath($"map.{source}");
            if (result.ContainsKey(source))
            {
                map.File.Report(keyNode, field, null, $"repeats the source value '{source}' (map keys ignore case)");
                continue;
            }

            if (MappingReader.IsNull(value))
            {
                map.File.Report(value, field, null, "needs the canonical value it maps to");
                continue;
            }

            if (map.ScalarText(value, field) is { } canonical)
            {
                result[source] = canonical;
            }
        }

        return result;
    }

    // An XML NCName, kept to ASCII.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$")]
    private static partial Regex PrefixPattern();
}
