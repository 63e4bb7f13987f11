using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Switchboard.Configuration;

/// <summary>
/// A vendor path (<c>CallSid</c>, <c>detail.contactId</c>) or a template with <c>{path}</c> placeholders
/// (<c>twilio:{CallSid}:{CallStatus}</c>). Text without braces is a single path. A placeholder may end
/// in a filter: <c>|lower</c>, <c>|upper</c>, or <c>|afterLast:/</c> (the text after the last <c>/</c>,
/// e.g. the id at the end of an ARN).
/// </summary>
public sealed record WebhookTemplate
{
    private WebhookTemplate(string text, IReadOnlyList<WebhookTemplatePart> parts)
    {
        Text = text;
        Parts = parts;
    }

    /// <summary>As written.</summary>
    public string Text { get; }

    public IReadOnlyList<WebhookTemplatePart> Parts { get; }

    /// <summary>The paths of the placeholders, in order.</summary>
    public IEnumerable<string> Paths => Parts.Where(part => part.IsPlaceholder).Select(part => part.Text);

    public static bool TryParse(string? text, [NotNullWhen(true)] out WebhookTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty; write a vendor path or a template with {path} placeholders";
            return false;
        }

        if (!text.Contains('{', StringComparison.Ordinal) && !text.Contains('}', StringComparison.Ordinal))
        {
            template = new WebhookTemplate(text, [new WebhookTemplatePart(text.Trim(), IsPlaceholder: true)]);
            error = null;
            return true;
        }

        var parts = new List<WebhookTemplatePart>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                error = "has a '}' without an opening '{'";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            var nextOpen = text.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                error = "has a '{' without a closing '}'";
                return false;
            }

            if (!TryPlaceholder(text[(i + 1)..close], out var placeholder, out error))
            {
                return false;
            }

            if (literal.Length > 0)
            {
                parts.Add(new WebhookTemplatePart(literal.ToString(), IsPlaceholder: false));
                literal.Clear();
            }

            parts.Add(placeholder);
            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new WebhookTemplatePart(literal.ToString(), IsPlaceholder: false));
        }

        template = new WebhookTemplate(text, parts.AsReadOnly());
        error = null;
        return true;
    }

    /// <summary>Fills the placeholders; null when any of them has no value.</summary>
    public string? Render(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (Parts is [{ IsPlaceholder: true } single])
        {
            return read(single.Text) is { } value ? single.Apply(value) : null;
        }

        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            if (!part.IsPlaceholder)
            {
                text.Append(part.Text);
                continue;
            }

            if (read(part.Text) is not { } value)
            {
                return null;
            }

            text.Append(part.Apply(value));
        }

        return text.ToString();
    }

    private static bool TryPlaceholder(string inner, out WebhookTemplatePart part, [NotNullWhen(false)] out string? error)
    {
        part = default;
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var path = (bar < 0 ? inner : inner[..bar]).Trim();
        if (path.Length == 0)
        {
            error = "has an empty placeholder '{}'";
            return false;
        }

        if (bar < 0)
        {
            part = new WebhookTemplatePart(path, IsPlaceholder: true);
            error = null;
            return true;
        }

        var filter = inner[(bar + 1)..];
        var colon = filter.IndexOf(':', StringComparison.Ordinal);
        var filterName = (colon < 0 ? filter : filter[..colon]).Trim();
        var argument = colon < 0 ? null : filter[(colon + 1)..];
        switch (filterName)
        {
            case "lower" or "upper" when argument is null:
                part = new WebhookTemplatePart(path, IsPlaceholder: true, filterName);
                error = null;
                return true;
            case "afterLast" when argument is { Length: > 0 }:
                part = new WebhookTemplatePart(path, IsPlaceholder: true, filterName, argument);
                error = null;
                return true;
            default:
                error = $"has the filter '{filter.Trim()}', which is not one of lower, upper, afterLast:SEPARATOR";
                return false;
        }
    }

    public override string ToString() => Text;
}
