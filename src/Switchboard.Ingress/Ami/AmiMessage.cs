using System.Text;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// One AMI message: an event, a response, or an action, as its <c>Key: Value</c> lines in order. Keys
/// match without regard to case (Asterisk spells <c>ActionID</c>, clients often <c>ActionId</c>) and may
/// repeat (<c>Output:</c> lines of a command, <c>Variable:</c> lines of an Originate).
/// </summary>
public sealed class AmiMessage
{
    private readonly KeyValuePair<string, string>[] _fields;

    public AmiMessage(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
    }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The first value of <paramref name="key"/>, or null when it is absent.</summary>
    public string? this[string key]
    {
        get
        {
            foreach (var (name, value) in _fields)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return null;
        }
    }

    public string? Event => this["Event"];

    public string? Response => this["Response"];

    public string? ActionId => this["ActionID"];

    public string? Message => this["Message"];

    public bool IsEvent => Event is not null;

    /// <summary>A reply to an action. An event may carry <c>Response:</c> too (OriginateResponse), so it is not one.</summary>
    public bool IsResponse => !IsEvent && Response is not null;

    public bool IsSuccess => string.Equals(Response, "Success", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Response, "Follows", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Response, "Goodbye", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every value of <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> GetAll(string key) =>
        [.. _fields.Where(field => string.Equals(field.Key, key, StringComparison.OrdinalIgnoreCase)).Select(field => field.Value)];

    /// <summary>True when the event is named <paramref name="name"/> (AMI event names are not reliably cased: AgentLogin, Agentlogin).</summary>
    public bool Is(string name) => string.Equals(Event, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a block of <c>Key: Value</c> lines (LF or CRLF); lines without a colon are kept with an empty key.</summary>
    public static AmiMessage Parse(string block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0)
            {
                fields.Add(SplitLine(line));
            }
        }

        return new AmiMessage(fields);
    }

    /// <summary>The message as sent on the wire: CRLF after each line and a blank line at the end.</summary>
    public string ToWireText()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _fields)
        {
            text.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        return text.Append("\r\n").ToString();
    }

    internal static KeyValuePair<string, string> SplitLine(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return new(string.Empty, line);
        }

        // "Key: Value": one space follows the colon; an empty value is "Key: " or "Key:".
        var value = line.AsSpan(colon + 1);
        if (value.Length > 0 && value[0] == ' ')
        {
            value = value[1..];
        }

        return new(line[..colon].Trim(), value.TrimEnd().ToString());
    }
}
