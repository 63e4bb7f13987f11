using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid.Values;

namespace Switchboard.Mapping.Templates;

/// <summary>
/// Converts between the JSON values callers hand a template and Fluid's values: strings, numbers
/// and booleans become their Liquid kinds, arrays become arrays (for loops, <c>size</c>, <c>first</c>)
/// and objects become dictionaries (member access <c>customer.name</c>).
/// </summary>
internal static class TemplateValues
{
    public static FluidValue ToFluid(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return NilValue.Instance;
            case JsonObject obj:
                return new DictionaryValue(new JsonObjectIndexable(obj));
            case JsonArray array:
                var items = new FluidValue[array.Count];
                for (var i = 0; i < array.Count; i++)
                {
                    items[i] = ToFluid(array[i]);
                }

                return new ArrayValue(items);
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => new StringValue(ReadString(value)),
                    JsonValueKind.True => BooleanValue.True,
                    JsonValueKind.False => BooleanValue.False,
                    JsonValueKind.Number => ToNumber(value.ToJsonString()),
                    _ => NilValue.Instance,
                };
        }
    }

    /// <summary>The JSON form of a Liquid value; nil, empty and undefined are JSON null.</summary>
    public static JsonNode? ToJson(FluidValue value)
    {
        switch (value.Type)
        {
            case FluidValues.Nil:
            case FluidValues.Empty:
            case FluidValues.Blank:
                return null;
            case FluidValues.String:
                return JsonValue.Create(value.ToStringValue());
            case FluidValues.Boolean:
                return JsonValue.Create(value.ToBooleanValue());
            case FluidValues.Number:
                return JsonValue.Create(value.ToNumberValue());
            case FluidValues.DateTime:
                return JsonValue.Create(TemplateDates.ToIso8601((DateTimeOffset)value.ToObjectValue()));
            case FluidValues.Array:
                var array = new JsonArray();
                foreach (var item in ((ArrayValue)value).Values)
                {
                    array.Add(ToJson(item));
                }

                return array;
            case FluidValues.Dictionary when value.ToObjectValue() is JsonObjectIndexable json:
                return json.Node.DeepClone();
            case FluidValues.Dictionary when value.ToObjectValue() is IFluidIndexable indexable:
                var obj = new JsonObject();
                foreach (var key in indexable.Keys)
                {
                    obj[key] = indexable.TryGetValue(key, out var member) ? ToJson(member) : null;
                }

                return obj;
            default:
                return value.IsNil() ? null : JsonValue.Create(value.ToStringValue());
        }
    }

    private static string ReadString(JsonValue value) =>
        value.TryGetValue<string>(out var text)
            ? text
            : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;

    private static FluidValue ToNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? NumberValue.Create(number)
            // Beyond decimal's range (1e400): keep the digits rather than fail.
            : new StringValue(text);

    /// <summary>A JSON object seen as a Liquid dictionary; members are converted when read.</summary>
    internal sealed class JsonObjectIndexable(JsonObject node) : IFluidIndexable
    {
        public JsonObject Node { get; } = node;

        public int Count => Node.Count;

        public IEnumerable<string> Keys => Node.Select(pair => pair.Key);

        public bool TryGetValue(string name, out FluidValue value)
        {
            if (Node.TryGetPropertyValue(name, out var member))
            {
                value = ToFluid(member);
                return true;
            }

            value = NilValue.Instance;
            return false;
        }
    }
}
