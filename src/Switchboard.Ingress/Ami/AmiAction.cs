using System.Text;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// An AMI action to send: its name and fields in order (a key may repeat, like <c>Variable</c>). Values
/// are checked for line breaks, which would let a value smuggle extra lines or a whole second action in.
/// The connection adds the <c>ActionID</c>.
/// </summary>
public sealed class AmiAction
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public AmiAction(string name)
    {
        Name = CheckToken(name, nameof(name));
    }

    public string Name { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public AmiAction Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckToken(key, nameof(key));
        if (string.Equals(key, "ActionID", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "Action", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{key}' is set by the connection, not by the action's fields.", nameof(key));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The value of '{key}' contains a line break, which AMI cannot carry.", nameof(value));
        }

        _fields.Add(new(key, value));
        return this;
    }

    /// <summary>Adds the field only when <paramref name="value"/> is not null or empty.</summary>
    public AmiAction AddIfPresent(string key, string? value) => string.IsNullOrEmpty(value) ? this : Add(key, value);

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] =>
        _fields.FirstOrDefault(field => string.Equals(field.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    internal string ToWireText(string actionId)
    {
        var text = new StringBuilder().Append("Action: ").Append(Name).Append("\r\nActionID: ").Append(actionId).Append("\r\n");
        foreach (var (key, value) in _fields)
        {
            text.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        return text.Append("\r\n").ToString();
    }

    private static string CheckToken(string text, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text, parameter);
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '(' or ')' or '.'))
            {
                throw new ArgumentException($"'{text}' is not an AMI name (ASCII letters, digits, '-', '_', '.', '(' and ')').", parameter);
            }
        }

        return text;
    }
}
