using System.Text.RegularExpressions;

namespace Switchboard.Configuration;

/// <summary>
/// Binds a system's <c>links</c>: kind of item to a template of the address where it opens. A template must parse, and
/// must begin with its scheme (http or https) and host written out, before any <c>{{ }}</c> or <c>{% %}</c>: the
/// address then cannot point anywhere else, whatever a record holds.
/// </summary>
internal static partial class LinksBinder
{
    public static SystemLinks Bind(MappingReader root)
    {
        var entries = root.Entries("links");
        if (entries is null)
        {
            return SystemLinks.None;
        }

        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, kind, value) in entries)
        {
            var field = root.FieldPath($"links.{kind}");
            if (!SystemLinks.Kinds.Contains(kind, StringComparer.Ordinal))
            {
                root.File.Report(keyNode, field, kind,
                    $"is not a kind of link{NameSuggestion.Hint(kind, SystemLinks.Kinds)} (kinds: {string.Join(", ", SystemLinks.Kinds)})");
                continue;
            }

            if (MappingReader.IsNull(value))
            {
                root.File.Report(value, field, null, "has no value: write the address of the item, like https://crm.example.com/contacts/{{ id }}");
                continue;
            }

            if (root.ScalarText(value, field) is not { } text)
            {
                continue;
            }

            var template = MappingSyntaxCheck.Template(root.File, value, field, text.Trim());
            if (!HasFixedWebOrigin(template))
            {
                root.File.Report(value, field, template,
                    "does not begin with http:// or https:// and a host written out before any {{ }} (for example "
                    + "https://crm.example.com/contacts/{{ id }}): the desktop opens web links only, and an item's data may not choose where they lead");
                continue;
            }

            templates[kind] = template;
        }

        return new SystemLinks
        {
            Customer = templates.GetValueOrDefault(SystemLinks.CustomerKind),
            Order = templates.GetValueOrDefault(SystemLinks.OrderKind),
            Ticket = templates.GetValueOrDefault(SystemLinks.TicketKind),
        };
    }

    /// <summary>Whether the scheme and host are literal text, ended by a path, query or fragment (or the end of a template without tags).</summary>
    internal static bool HasFixedWebOrigin(string template)
    {
        var tag = template.IndexOf('{', StringComparison.Ordinal);
        var literal = tag < 0 ? template : template[..tag];
        var match = OriginPattern().Match(literal);
        if (!match.Success || (tag >= 0 && match.Groups["end"].Length == 0))
        {
            return false;
        }

        return Uri.TryCreate(match.Groups["origin"].Value, UriKind.Absolute, out var origin) && origin.Host.Length > 0;
    }

    [GeneratedRegex(@"^(?<origin>https?://[^/?#\s{}]+)(?<end>[/?#]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginPattern();
}
