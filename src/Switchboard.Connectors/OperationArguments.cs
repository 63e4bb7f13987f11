using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Switchboard.Connectors;

/// <summary>
/// The named values an operation's templates read (<c>{{ phone }}</c>, <c>{{ lines }}</c>): text, numbers,
/// booleans, lists and objects as JSON nodes. Immutable; <see cref="With"/> makes a changed copy.
/// </summary>
public sealed class OperationArguments : IReadOnlyDictionary<string, JsonNode?>
{
    public static readonly OperationArguments Empty = new(new Dictionary<string, JsonNode?>(StringComparer.Ordinal));

    private readonly Dictionary<string, JsonNode?> _values;

    private OperationArguments(Dictionary<string, JsonNode?> values) => _values = values;

    /// <summary>Arguments from plain values (strings, numbers, booleans, DateTimeOffset, JsonNode) by name.</summary>
    public static OperationArguments From(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            copy[name] = ToNode(value);
        }

        return new OperationArguments(copy);
    }

    public static OperationArguments From(params (string Name, object? Value)[] values) =>
        From(values.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    /// <summary>A copy with <paramref name="name"/> set (deep-cloned, so the copy shares no nodes).</summary>
    public OperationArguments With(string name, object? value)
    {
        var copy = new Dictionary<string, JsonNode?>(_values, StringComparer.Ordinal) { [name] = ToNode(value) };
        return new OperationArguments(copy);
    }

    /// <summary>A copy with every field of <paramref name="record"/> set (a mapped result becoming the next call's arguments).</summary>
    public OperationArguments WithAll(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var copy = new Dictionary<string, JsonNode?>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in record)
        {
            copy[name] = value?.DeepClone();
        }

        return new OperationArguments(copy);
    }

    /// <summary>The argument as text: strings as they are, other values as JSON; null when absent or null.</summary>
    public string? Text(string name) =>
        _values.TryGetValue(name, out var node) && node is not null
            ? node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString()
            : null;

    public JsonNode? this[string key] => _values[key];

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<JsonNode?> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonNode? value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        DateTimeOffset instant => JsonValue.Create(instant.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        Guid id => JsonValue.Create(id.ToString()),
        _ => throw new ArgumentException($"an argument of type {value.GetType().Name} cannot be passed to an operation", nameof(value)),
    };
}
