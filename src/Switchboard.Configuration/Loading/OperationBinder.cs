using System.Text.RegularExpressions;
using Switchboard.Mapping;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds a system's <c>operations</c>: request templates and response mappings, keyed by operation name.</summary>
internal static partial class OperationBinder
{
    private static readonly string[] OperationKeys = ["method", "path", "headers", "body", "response"];
    private static readonly string[] ResponseKeys = ["items", "fields"];

    public static IReadOnlyDictionary<string, OperationDefinition> Bind(MappingReader root, SystemProtocol? protocol)
    {
        var operations = new Dictionary<string, OperationDefinition>(StringComparer.Ordinal);
        foreach (var (keyNode, name, value) in root.Entries("operations") ?? [])
        {
            var field = $"operations.{name}";
            if (!OperationNamePattern().IsMatch(name))
            {
                root.File.Report(keyNode, field, null,
                    $"'{name}' is not a valid operation name: use letters and digits in dot-separated parts, like {OperationNames.CustomerFindByPhone}");
                continue;
            }

            if (MappingReader.IsNull(value))
            {
                root.File.Report(keyNode, field, null, "has no definition (method, path, response)");
                continue;
            }

            if (value is not YamlMappingNode mapping)
            {
                root.ReportNotMapping(value, field);
                continue;
            }

            var map = new MappingReader(root.File, mapping, field, OperationKeys);
            operations[name] = new OperationDefinition
            {
                Name = name,
                Method = map.Enum("method", YamlEnums.Methods) ?? OperationMethod.Get,
                Path = map.String("path", required: protocol == SystemProtocol.Rest),
                Headers = BindHeaders(map),
                Body = map.String("body"),
                Response = BindResponse(map.Map("response", ResponseKeys)),
            };
        }

        return operations.AsReadOnly();
    }

    private static IReadOnlyDictionary<string, string> BindHeaders(MappingReader map)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, name, value) in map.Entries("headers") ?? [])
        {
            var field = map.FieldPath($"headers.{name}");
            if (!HeaderNamePattern().IsMatch(name))
            {
                map.File.Report(keyNode, field, null, $"'{name}' is not a valid HTTP header name");
                continue;
            }

            if (headers.ContainsKey(name))
            {
                map.File.Report(keyNode, field, null, $"repeats the header '{name}' (header names ignore case)");
                continue;
            }

            if (map.ScalarText(value, field) is { } text)
            {
                headers[name] = text;
            }
        }

        return headers.AsReadOnly();
    }

    private static ResponseMapping? BindResponse(MappingReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var fields = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        foreach (var (_, name, value) in map.Entries("fields") ?? [])
        {
            var field = map.FieldPath($"fields.{name}");
            var path = map.ScalarText(value, field);
            if (path is null)
            {
                if (MappingReader.IsNull(value))
                {
                    map.File.Report(value, field, null, "needs a path (JSONPath like $.id, or XPath)");
                }

                continue;
            }

            fields[name] = FieldMapping.ForPath(path);
        }

        return new ResponseMapping { Items = map.String("items"), Fields = fields.AsReadOnly() };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$")]
    private static partial Regex OperationNamePattern();

    // RFC 9110 token characters.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderNamePattern();
}
