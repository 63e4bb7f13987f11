using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// Binds a system's <c>operations</c>, keyed by operation name: request templates, status outcomes,
/// error reasons, paging, read-back, the protocol's section and the response mapping.
/// </summary>
internal static partial class OperationBinder
{
    private static readonly string[] OperationKeys =
    [
        "method", "path", "query", "headers", "body", "idempotencyKey", "statuses", "errorReason", "paging", "readBack",
        "soap", "amqp", "sql", "file", "response",
    ];

    /// <summary>Fields that only mean something in an HTTP request.</summary>
    private static readonly string[] HttpKeys = ["path", "query", "idempotencyKey", "statuses", "paging"];

    private static readonly string[] IdempotencyKeyKeys = ["header", "value"];
    private static readonly string[] ReadBackKeys = ["operation"];

    public static IReadOnlyDictionary<string, OperationDefinition> Bind(MappingReader root, SystemProtocol? protocol)
    {
        var entries = root.Entries("operations") ?? [];
        var declared = entries.Select(entry => entry.Name).Where(name => OperationNamePattern().IsMatch(name)).ToList();
        var operations = new Dictionary<string, OperationDefinition>(StringComparer.Ordinal);
        foreach (var (keyNode, name, value) in entries)
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

            operations[name] = BindOperation(new MappingReader(root.File, mapping, field, OperationKeys), name, protocol, declared);
        }

        return operations.AsReadOnly();
    }

    private static OperationDefinition BindOperation(MappingReader map, string name, SystemProtocol? protocol, IReadOnlyList<string> declared)
    {
        foreach (var key in HttpKeys)
        {
            ProtocolRules.Allows(map, key, protocol, ProtocolRules.Http);
        }

        var http = ProtocolRules.IsHttp(protocol);
        var (response, paths) = ResponseBinder.Bind(map, protocol);
        return new OperationDefinition
        {
            Name = name,
            Method = map.Enum("method", YamlEnums.Methods) ?? OperationMethod.Get,
            // A SOAP service usually has one endpoint, the address itself; REST operations each have their own path.
            Path = http ? MappingSyntaxCheck.Template(map, "path", required: protocol == SystemProtocol.Rest) : null,
            Query = http ? TemplateEntries.Named(map, "query") : ReadOnlyDictionary<string, string>.Empty,
            Headers = TemplateEntries.Headers(map, "headers"),
            Body = MappingSyntaxCheck.Template(map, "body"),
            IdempotencyKey = http ? IdempotencyKey(map) : null,
            Statuses = http ? Statuses(map) : ReadOnlyDictionary<int, StatusOutcome>.Empty,
            ErrorReason = ErrorReason(map, paths),
            Paging = http ? PagingBinder.Bind(map.Map("paging", PagingBinder.Keys), paths) : null,
            ReadBack = ReadBack(map, name, declared),
            Soap = ProtocolSectionBinder.Soap(map, protocol),
            Amqp = ProtocolSectionBinder.Amqp(map, protocol),
            Sql = ProtocolSectionBinder.Sql(map, protocol),
            File = ProtocolSectionBinder.File(map, protocol),
            Response = response,
        };
    }

    /// <summary><c>idempotencyKey: Idempotency-Key</c>, or <c>{ header, value }</c> with a template for the key.</summary>
    private static IdempotencyKeySettings? IdempotencyKey(MappingReader map)
    {
        var field = map.FieldPath("idempotencyKey");
        switch (map.Value("idempotencyKey"))
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } text } node:
                return HeaderName(map.File, node, field, text.Trim()) is { } header ? new IdempotencyKeySettings { Header = header } : null;
            case YamlMappingNode:
                var section = map.Map("idempotencyKey", IdempotencyKeyKeys)!;
                var name = section.String("header", required: true) is { } written
                    ? HeaderName(map.File, section.Value("header"), section.FieldPath("header"), written.Trim())
                    : null;
                var value = MappingSyntaxCheck.Template(section, "value");
                return name is null ? null : new IdempotencyKeySettings { Header = name, Value = value ?? new IdempotencyKeySettings { Header = name }.Value };
            case var other:
                map.File.Report(other, field, null, "should be a header name, or a mapping with header and value, not a list");
                return null;
        }
    }

    private static string? HeaderName(FileContext file, YamlNode? node, string field, string name)
    {
        if (TemplateEntries.IsHeaderName(name))
        {
            return name;
        }

        file.Report(node, field, name, "is not a valid HTTP header name");
        return null;
    }

    private static IReadOnlyDictionary<int, StatusOutcome> Statuses(MappingReader map)
    {
        var statuses = new Dictionary<int, StatusOutcome>();
        foreach (var (keyNode, key, value) in map.Entries("statuses") ?? [])
        {
            var field = map.FieldPath($"statuses.{key}");
            if (ResilienceBinder.Status(key) is not { } status)
            {
                map.File.Report(keyNode, field, key, ResilienceBinder.StatusReason);
                continue;
            }

            if (MappingReader.IsNull(value))
            {
                map.File.Report(value, field, null, $"needs an outcome: one of {YamlEnums.StatusOutcomes.Allowed}");
                continue;
            }

            if (map.ScalarText(value, field) is not { } text)
            {
                continue;
            }

            if (!YamlEnums.StatusOutcomes.TryParse(text, out var outcome))
            {
                map.File.Report(value, field, text, $"is not one of {YamlEnums.StatusOutcomes.Allowed}");
                continue;
            }

            statuses[status] = outcome;
        }

        return statuses.AsReadOnly();
    }

    private static IReadOnlyList<string> ErrorReason(MappingReader map, PathSyntax paths) =>
        (map.Items("errorReason") ?? [])
            .Select(item => MappingSyntaxCheck.Path(map.File, item.Node, item.Field, item.Text, paths))
            .ToList()
            .AsReadOnly();

    /// <summary><c>readBack: customer.get</c> or <c>readBack: { operation: customer.get }</c>: another operation of this system.</summary>
    private static ReadBackSettings? ReadBack(MappingReader map, string self, IReadOnlyList<string> declared)
    {
        var node = map.Value("readBack");
        var (target, targetNode, field) = node switch
        {
            null => (null, null, map.FieldPath("readBack")),
            YamlMappingNode => map.Map("readBack", ReadBackKeys) is { } section
                ? (section.String("operation", required: true)?.Trim(), section.Value("operation"), section.FieldPath("operation"))
                : (null, null, map.FieldPath("readBack")),
            _ => (map.ScalarText(node, map.FieldPath("readBack"))?.Trim(), node, map.FieldPath("readBack")),
        };

        if (target is null)
        {
            return null;
        }

        if (target == self)
        {
            map.File.Report(targetNode, field, target, "names this operation itself; name the operation that reads the record back, like customer.get");
            return null;
        }

        if (!declared.Contains(target, StringComparer.Ordinal))
        {
            var others = declared.Where(name => name != self).Order(StringComparer.Ordinal).ToList();
            var known = others.Count == 0 ? "it defines no other operation" : $"defined: {string.Join(", ", others)}";
            map.File.Report(targetNode, field, target, $"is not an operation of this system{NameSuggestion.Hint(target, others)} ({known})");
            return null;
        }

        return new ReadBackSettings { Operation = target };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$")]
    private static partial Regex OperationNamePattern();
}
