using System.Text.RegularExpressions;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// Renders a custom auth header: each <c>{{ secrets.NAME }}</c> (spaces optional) becomes the
/// declared secret's value. Deliberately not a template engine: auth headers need nothing more,
/// and a secret never passes through user-defined filters.
/// </summary>
internal static partial class SecretPlaceholders
{
    /// <exception cref="InvalidOperationException">A placeholder names an undeclared secret, or a secret cannot be read; the message names it, never a value.</exception>
    public static string Render(string header, string template, IReadOnlyDictionary<string, SecretReference> secrets) =>
        Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            return secrets.TryGetValue(name, out var reference)
                ? reference.Resolve()
                : throw new InvalidOperationException(
                    $"the auth header '{header}' uses secrets.{name}, which auth.secrets does not declare (declared: {Declared(secrets)})");
        });

    private static string Declared(IReadOnlyDictionary<string, SecretReference> secrets) =>
        secrets.Count == 0 ? "none" : string.Join(", ", secrets.Keys.Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\{\{\s*secrets\.(?<name>[A-Za-z_][A-Za-z0-9_-]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
