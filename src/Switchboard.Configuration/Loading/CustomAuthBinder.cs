using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// Binds auth type custom: headers rendered from templates over named secrets
/// (<c>Authorization: "Token {{ secrets.token }}"</c>). Every secret is a reference, and every
/// <c>secrets.NAME</c> a header uses must be declared, so a typo fails at load rather than sending an empty credential.
/// </summary>
internal static partial class CustomAuthBinder
{
    public static AuthSettings Bind(MappingReader map)
    {
        var (secrets, declared) = Secrets(map);
        if (!map.Has("headers"))
        {
            map.ReportMissing("headers", "is required for auth type custom: header name to a template, like Authorization: \"Token {{ secrets.token }}\"");
        }

        var headers = TemplateEntries.HeaderEntries(map, "headers");
        foreach (var (node, field, _, template) in headers)
        {
            CheckSecretsDeclared(map, node, field, template, declared);
        }

        return new AuthSettings
        {
            Type = AuthType.Custom,
            Headers = headers.ToDictionary(entry => entry.Name, entry => entry.Text, StringComparer.OrdinalIgnoreCase).AsReadOnly(),
            Secrets = secrets,
        };
    }

    /// <summary>The secrets bound, and the names declared (also those whose reference is wrong, so their uses are not reported twice).</summary>
    private static (IReadOnlyDictionary<string, SecretReference> Secrets, IReadOnlyList<string> Declared) Secrets(MappingReader map)
    {
        var secrets = new Dictionary<string, SecretReference>(StringComparer.Ordinal);
        var declared = new List<string>();
        if (map.Value("secrets") is not { } node)
        {
            return (secrets.AsReadOnly(), declared);
        }

        if (node is not YamlMappingNode mapping)
        {
            map.ReportNotMapping(node, map.FieldPath("secrets"));
            return (secrets.AsReadOnly(), declared);
        }

        var names = mapping.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value ?? string.Empty).ToList();
        var reader = new MappingReader(map.File, mapping, map.FieldPath("secrets"), names);
        foreach (var keyNode in mapping.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = keyNode.Value ?? string.Empty;
            if (!SecretNamePattern().IsMatch(name))
            {
                map.File.Report(keyNode, reader.FieldPath(name), null,
                    $"'{name}' is not a valid secret name: use letters, digits and '_', not starting with a digit (templates write secrets.NAME)");
                continue;
            }

            declared.Add(name);
            if (reader.Secret(name, map.File.ConfigurationDirectory, required: true) is { } reference)
            {
                secrets[name] = reference;
            }
        }

        return (secrets.AsReadOnly(), declared);
    }

    private static void CheckSecretsDeclared(MappingReader map, YamlNode node, string field, string template, IReadOnlyList<string> declared)
    {
        foreach (var name in SecretUsePattern().Matches(template).Select(match => match.Groups["name"].Value).Distinct(StringComparer.Ordinal))
        {
            if (!declared.Contains(name, StringComparer.Ordinal))
            {
                var known = declared.Count > 0 ? $"declared: {string.Join(", ", declared.Order(StringComparer.Ordinal))}" : "none are declared";
                map.File.Report(node, field, template,
                    $"uses secrets.{name}, which is not declared under auth.secrets{NameSuggestion.Hint(name, declared)} ({known})");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretNamePattern();

    // secrets.NAME inside a template; the template itself was parsed by the mapping engine already.
    [GeneratedRegex(@"(?<![\w.])secrets\.(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SecretUsePattern();
}
