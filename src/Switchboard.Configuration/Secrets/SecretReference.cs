using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Switchboard.Configuration;

/// <summary>
/// A pointer to a secret, never the secret itself: <c>${env:NAME}</c> or <c>${file:PATH}</c>.
/// The value is read only when <see cref="Resolve"/> is called, is not kept, and is never part of
/// <see cref="ToString"/> or of any error message; errors name the variable or file instead.
/// </summary>
public sealed partial record SecretReference
{
    private SecretReference(SecretSource source, string name, string? fullPath)
    {
        Source = source;
        Name = name;
        FullPath = fullPath;
    }

    public SecretSource Source { get; }

    /// <summary>The environment variable name, or the file path as written.</summary>
    public string Name { get; }

    /// <summary>For <see cref="SecretSource.File"/>: the absolute path (relative paths are taken from the configuration directory).</summary>
    public string? FullPath { get; }

    /// <summary>True when <paramref name="text"/> looks like an attempt at a reference (<c>${...}</c>), well formed or not.</summary>
    public static bool LooksLikeReference(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}');

    /// <summary>Parses <c>${env:NAME}</c> or <c>${file:PATH}</c>; a relative file path is taken from <paramref name="baseDirectory"/>.</summary>
    public static bool TryParse(string? text, string? baseDirectory, [NotNullWhen(true)] out SecretReference? reference, out string? error)
    {
        reference = null;
        error = null;
        var match = text is null ? null : ReferencePattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            error = "is not a secret reference; write ${env:NAME} or ${file:PATH}";
            return false;
        }

        var source = match.Groups["source"].Value;
        var name = match.Groups["name"].Value.Trim();
        switch (source)
        {
            case "env" when EnvironmentNamePattern().IsMatch(name):
                reference = new SecretReference(SecretSource.Environment, name, null);
                return true;
            case "env":
                error = "is not a valid environment variable name (letters, digits and '_', not starting with a digit)";
                return false;
            case "file" when name.Length > 0:
                var fullPath = Path.GetFullPath(name, baseDirectory ?? System.Environment.CurrentDirectory);
                reference = new SecretReference(SecretSource.File, name, fullPath);
                return true;
            case "file":
                error = "names no file; write ${file:PATH}";
                return false;
            default:
                error = $"uses the unknown source '{source}'; write ${{env:NAME}} or ${{file:PATH}}";
                return false;
        }
    }

    /// <summary>Parses a reference or throws <see cref="FormatException"/>; see <see cref="TryParse"/>.</summary>
    public static SecretReference Parse(string text, string? baseDirectory = null) =>
        TryParse(text, baseDirectory, out var reference, out var error)
            ? reference
            : throw new FormatException($"'{(LooksLikeReference(text) ? text : "(hidden)")}' {error}");

    /// <summary>
    /// Reads the secret now. A file's single trailing line break is dropped (secret mounts often end with one).
    /// Throws <see cref="InvalidOperationException"/> naming the variable or file, never a value, when it is missing or empty.
    /// </summary>
    public string Resolve()
    {
        if (Source == SecretSource.Environment)
        {
            var value = System.Environment.GetEnvironmentVariable(Name);
            return string.IsNullOrEmpty(value)
                ? throw new InvalidOperationException($"Secret {this}: the environment variable {Name} is not set or is empty.")
                : value;
        }

        var path = FullPath!;
        string content;
        try
        {
            content = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"Secret {this}: the file {path} does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Secret {this}: the file {path} cannot be read ({ex.GetType().Name}).", ex);
        }

        content = content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2]
            : content.EndsWith('\n') ? content[..^1]
            : content;
        return content.Length == 0
            ? throw new InvalidOperationException($"Secret {this}: the file {path} is empty.")
            : content;
    }

    /// <summary>The reference as written, e.g. <c>${env:DEMO_CRM_API_KEY}</c>; never the value.</summary>
    public override string ToString() =>
        Source == SecretSource.Environment ? $"${{env:{Name}}}" : $"${{file:{Name}}}";

    [GeneratedRegex(@"^\$\{(?<source>[A-Za-z]+):(?<name>[^}]*)\}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();
}
