using System.Collections.Frozen;
using System.Xml;
using System.Xml.Linq;
using Switchboard.Core.Common;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// Reads one <c>CallEvent</c> element into a <see cref="ContactCenterEvent"/>, collecting what it cannot
/// read as field errors rather than stopping, so a fault lists every problem at once.
/// </summary>
internal static class CallEventReader
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly FrozenSet<string> Fields = new[]
    {
        "eventId", "type", "occurredAt", "callId", "agentId", "direction", "from", "to", "queue", "reason",
        "disposition", "notes", "recordingUrl", "transferTo", "attributes",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static ContactCenterEvent Read(XElement element, string prefix, List<FieldError> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            if (child.Name.Namespace != SoapProtocol.Events || !Fields.Contains(name))
            {
                errors.Add(new FieldError(prefix + name, null, child.Name.Namespace != SoapProtocol.Events
                    ? $"is in namespace '{child.Name.NamespaceName}'; CallEvent elements are in {SoapIngressDefaults.Namespace}"
                    : $"is not a CallEvent element; elements are {string.Join(", ", Fields)}"));
            }
            else if (values.ContainsKey(name))
            {
                errors.Add(new FieldError(prefix + name, null, "appears more than once"));
            }
            else if (name == "attributes")
            {
                values[name] = null;
                ReadAttributes(child, prefix, attributes, errors);
            }
            else if (child.HasElements)
            {
                values[name] = null;
                errors.Add(new FieldError(prefix + name, null, "must hold text, not elements"));
            }
            else
            {
                values[name] = IsNil(child) || child.Value.Length == 0 ? null : child.Value;
            }
        }

        string? Text(string name) => values.GetValueOrDefault(name);
        return new ContactCenterEvent
        {
            EventId = Text("eventId") ?? "",
            Type = Text("type") ?? "",
            OccurredAt = ReadTime(Text("occurredAt"), prefix + "occurredAt", errors),
            CallId = Text("callId"),
            AgentId = Text("agentId"),
            Direction = Text("direction"),
            From = Text("from"),
            To = Text("to"),
            Queue = Text("queue"),
            Reason = Text("reason"),
            Disposition = Text("disposition"),
            Notes = Text("notes"),
            RecordingUrl = Text("recordingUrl"),
            TransferTo = Text("transferTo"),
            Attributes = attributes,
            Source = SoapIngressDefaults.Ingress,
        };
    }

    private static void ReadAttributes(XElement list, string prefix, Dictionary<string, string> attributes, List<FieldError> errors)
    {
        var index = 0;
        foreach (var item in list.Elements())
        {
            var field = $"{prefix}attributes[{index++}]";
            if (item.Name != SoapProtocol.Events + "attribute")
            {
                errors.Add(new FieldError(field, item.Name.LocalName, $"is not an attribute element in {SoapIngressDefaults.Namespace}"));
                continue;
            }

            var name = item.Element(SoapProtocol.Events + "name")?.Value;
            var value = item.Element(SoapProtocol.Events + "value");
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(new FieldError(field + ".name", name, "is required"));
            }
            else if (value is null || IsNil(value))
            {
                errors.Add(new FieldError(field + ".value", null, $"is required (attribute '{Clip(name)}')"));
            }
            else if (!attributes.TryAdd(name, value.Value))
            {
                errors.Add(new FieldError(field + ".name", Clip(name), "appears more than once"));
            }
        }
    }

    private static DateTimeOffset ReadTime(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            return default;
        }

        var trimmed = text.Trim();
        // xs:dateTime allows a time without a zone; the hub cannot place such an event in time, so it is refused.
        var zoned = trimmed.EndsWith('Z') || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        if (!zoned)
        {
            errors.Add(new FieldError(field, Clip(trimmed), "has no time zone; send Z or an offset, e.g. 2026-11-24T10:15:00Z"));
            return default;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset(trimmed);
        }
        catch (FormatException)
        {
            errors.Add(new FieldError(field, Clip(trimmed), "is not an xs:dateTime, e.g. 2026-11-24T10:15:00Z"));
            return default;
        }
    }

    private static bool IsNil(XElement element) => (string?)element.Attribute(Xsi + "nil") is "true" or "1";

    private static string Clip(string value) => value.Length > 80 ? value[..77] + "..." : value;
}
