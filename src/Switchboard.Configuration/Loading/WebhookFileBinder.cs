using System.Globalization;
using Switchboard.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds one file under webhooks/: format, signature, rules, fields and value maps.</summary>
internal static class WebhookFileBinder
{
    private static readonly string[] RootKeys = ["name", "format", "mode", "signature", "events", "fields", "valueMaps", "timestampFormat"];
    private static readonly string[] RuleKeys = ["when", "type", "fields"];
    private static readonly string[] Directions = ["inbound", "outbound", "internal"];

    public static readonly EnumNames<WebhookFormat> Formats = new(("json", WebhookFormat.Json), ("form", WebhookFormat.Form));

    public static readonly EnumNames<WebhookTimestampFormat> TimestampFormats = new(
        ("iso8601", WebhookTimestampFormat.Iso8601), ("rfc1123", WebhookTimestampFormat.Rfc1123),
        ("epochSeconds", WebhookTimestampFormat.EpochSeconds), ("epochMillis", WebhookTimestampFormat.EpochMillis));

    /// <summary>The webhook, or null when its name or signature is unusable (reported).</summary>
    public static BoundWebhook? Bind(FileContext file, YamlMappingNode node)
    {
        var root = new MappingReader(file, node, string.Empty, RootKeys);
        var (name, nameNode) = NameRules.Read(root);
        var format = root.Enum("format", Formats) ?? WebhookFormat.Json;
        var mode = root.Enum("mode", YamlEnums.Modes) ?? RolloutMode.Off;
        if (mode == RolloutMode.Pilot)
        {
            file.Report(root.Value("mode"), "mode", "pilot", "is not used by webhooks: every request is verified alike; use off, shadow or on");
        }

        var timestampFormat = root.Enum("timestampFormat", TimestampFormats) ?? WebhookTimestampFormat.Iso8601;
        var signature = WebhookSignatureBinder.Bind(root, format, timestampFormat);
        var (fields, attributes, declared) = BindFields(root, "fields", format);
        var rules = BindRules(root, format);
        foreach (var (rule, ruleNode, ruleDeclared) in rules)
        {
            // A field written but invalid is reported where it is written, not again as missing.
            foreach (var required in WebhookFields.RequiredFor(rule.Type).Where(f => !ruleDeclared.Contains(f) && !declared.Contains(f)))
            {
                file.Report(ruleNode, Invariant($"events[{rule.Index}]"), rule.Type,
                    $"maps no {required}, which {rule.Type} needs; add it under fields or under this rule's fields");
            }
        }

        if (name is null || signature is null)
        {
            return null;
        }

        var webhook = new WebhookDefinition
        {
            Name = name,
            File = file.File,
            Format = format,
            Mode = mode,
            Signature = signature,
            Rules = rules.Select(entry => entry.Rule).ToList().AsReadOnly(),
            Fields = fields,
            Attributes = attributes,
            ValueMaps = BindValueMaps(root),
            TimestampFormat = timestampFormat,
        };
        return new BoundWebhook(webhook, nameNode);
    }

    private static List<(WebhookRule Rule, YamlNode Node, HashSet<string> Declared)> BindRules(MappingReader root, WebhookFormat format)
    {
        var rules = new List<(WebhookRule, YamlNode, HashSet<string>)>();
        var node = root.Value("events");
        if (node is null)
        {
            root.ReportMissing("events", "is required: list the rules (- when: ..., type: ...) that turn payloads into events");
            return rules;
        }

        if (node is not YamlSequenceNode sequence)
        {
            root.File.Report(node, "events", null, "should be a list of rules (- when: ..., type: ...), not a single value or a mapping");
            return rules;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var field = Invariant($"events[{i}]");
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                root.ReportNotMapping(sequence.Children[i], field);
                continue;
            }

            var reader = new MappingReader(root.File, item, field, RuleKeys);
            var type = reader.String("type", required: true)?.Trim();
            if (type is not null && !EventTypes.IsKnown(type))
            {
                reader.File.Report(reader.Value("type"), reader.FieldPath("type"), type,
                    $"is not an event type{NameSuggestion.Hint(type, EventTypes.Call.Concat(EventTypes.Agent))} (known types: {string.Join(", ", EventTypes.Call.Concat(EventTypes.Agent))})");
                type = null;
            }

            var when = BindWhen(reader, format);
            var (fields, attributes, declared) = BindFields(reader, "fields", format);
            if (type is not null)
            {
                rules.Add((new WebhookRule { Index = i, When = when, Type = type, Fields = fields, Attributes = attributes }, item, declared));
            }
        }

        return rules;
    }

    private static List<WebhookCondition> BindWhen(MappingReader rule, WebhookFormat format)
    {
        var conditions = new List<WebhookCondition>();
        foreach (var (keyNode, path, value) in rule.Entries("when") ?? [])
        {
            var field = $"{rule.FieldPath("when")}.{path}";
            var pathOk = CheckPath(rule.File, keyNode, field, path, format);
            if (Scalars(rule, value, field) is { } values && pathOk)
            {
                conditions.Add(new WebhookCondition(path, values.Select(v => v.Text).ToList().AsReadOnly()));
            }
        }

        return conditions;
    }

    private static (Dictionary<string, WebhookValue> Fields, Dictionary<string, WebhookValue> Attributes, HashSet<string> Declared) BindFields(
        MappingReader reader, string key, WebhookFormat format)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var fields = new Dictionary<string, WebhookValue>(StringComparer.Ordinal);
        var attributes = new Dictionary<string, WebhookValue>(StringComparer.Ordinal);
        foreach (var (keyNode, name, value) in reader.Entries(key) ?? [])
        {
            var field = $"{reader.FieldPath(key)}.{name}";
            if (name == WebhookFields.Attributes)
            {
                if (value is not YamlMappingNode mapping)
                {
                    reader.ReportNotMapping(value, field);
                    continue;
                }

                foreach (var (attributeKey, attributeValue) in mapping.Children)
                {
                    if (attributeKey is YamlScalarNode { Value: { Length: > 0 and <= 64 } attribute }
                        && BindValue(reader, attributeValue, $"{field}.{attribute}", format) is { } bound)
                    {
                        attributes[attribute] = bound;
                    }
                    else if (attributeKey is not YamlScalarNode { Value: { Length: > 0 and <= 64 } })
                    {
                        reader.File.Report(attributeKey, field, null, "has a key that is not a name of 1 to 64 characters");
                    }
                }

                continue;
            }

            if (!WebhookFields.All.Contains(name, StringComparer.Ordinal))
            {
                reader.File.Report(keyNode, field, null,
                    $"unknown field '{name}'{NameSuggestion.Hint(name, WebhookFields.All)} (fields: {string.Join(", ", WebhookFields.All)}, attributes)");
                continue;
            }

            declared.Add(name);
            if (BindValue(reader, value, field, format) is { } source)
            {
                fields[name] = source;
            }
        }

        return (fields, attributes, declared);
    }

    private static WebhookValue? BindValue(MappingReader reader, YamlNode node, string field, WebhookFormat format)
    {
        var items = Scalars(reader, node, field);
        if (items is null)
        {
            return null;
        }

        var candidates = new List<WebhookTemplate>();
        foreach (var (itemNode, text, itemField) in items)
        {
            if (!WebhookTemplate.TryParse(text, out var template, out var error))
            {
                reader.File.Report(itemNode, itemField, text, error);
                continue;
            }

            if (template.Paths.All(path => CheckPath(reader.File, itemNode, itemField, path, format)))
            {
                candidates.Add(template);
            }
        }

        return candidates.Count == items.Count ? new WebhookValue(candidates.AsReadOnly()) : null;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> BindValueMaps(MappingReader root)
    {
        var maps = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (keyNode, name, value) in root.Entries("valueMaps") ?? [])
        {
            var field = $"valueMaps.{name}";
            if (!WebhookFields.Mappable.Contains(name, StringComparer.Ordinal))
            {
                root.File.Report(keyNode, field, null,
                    $"unknown field '{name}'{NameSuggestion.Hint(name, WebhookFields.Mappable)} (value maps apply to {string.Join(", ", WebhookFields.Mappable)})");
                continue;
            }

            if (value is not YamlMappingNode mapping)
            {
                root.ReportNotMapping(value, field);
                continue;
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (vendorNode, ourNode) in mapping.Children)
            {
                if (vendorNode is not YamlScalarNode { Value: { } vendor })
                {
                    root.File.Report(vendorNode, field, null, "has a key that is not a single value");
                    continue;
                }

                var ourField = $"{field}.{vendor}";
                if (root.ScalarText(ourNode, ourField) is not { } ours)
                {
                    root.File.Report(ourNode, ourField, null, MappingReader.IsNull(ourNode) ? "has no value" : "should be a single value");
                    continue;
                }

                if (name == WebhookFields.Direction && !Directions.Contains(ours, StringComparer.Ordinal))
                {
                    root.File.Report(ourNode, ourField, ours, "is not one of inbound, outbound, internal");
                    continue;
                }

                map[vendor] = ours;
            }

            maps[name] = map;
        }

        return maps;
    }

    /// <summary>A single value or a list of single values; null (reported) otherwise.</summary>
    private static List<(YamlNode Node, string Text, string Field)>? Scalars(MappingReader reader, YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0)
            {
                reader.File.Report(node, field, null, "is an empty list");
                return null;
            }

            var items = new List<(YamlNode, string, string)>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var itemField = Invariant($"{field}[{i}]");
                if (reader.ScalarText(sequence.Children[i], itemField) is { } text)
                {
                    items.Add((sequence.Children[i], text, itemField));
                }
                else if (MappingReader.IsNull(sequence.Children[i]))
                {
                    reader.File.Report(sequence.Children[i], itemField, null, "has no value");
                }
            }

            return items.Count == sequence.Children.Count ? items : null;
        }

        if (node is YamlMappingNode)
        {
            reader.File.Report(node, field, null, "should be a value or a list of values, not a mapping");
            return null;
        }

        if (reader.ScalarText(node, field) is { } single)
        {
            return [(node, single, field)];
        }

        reader.File.Report(node, field, null, "has no value");
        return null;
    }

    private static bool CheckPath(FileContext file, YamlNode node, string field, string path, WebhookFormat format)
    {
        if (format == WebhookFormat.Form || WebhookPath.TryParse(path, out _, out var error))
        {
            return true;
        }

        file.Report(node, field, path, $"is not a JSON path: it {error}");
        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
