using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.XPath;
using Fluid;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Switchboard.Mapping.Templates;

namespace Switchboard.Mapping.Validation;

/// <summary>
/// Checks templates and paths when configuration is loaded, so a typo is reported with its
/// position before the first call instead of failing (or silently rendering nothing) later.
/// Each method returns null when the text is fine, else a reason that completes a sentence
/// naming the field: <c>"body has a syntax error at line 1, column 12: ..."</c>.
/// </summary>
public static partial class MappingSyntax
{
    // FluidParser is immutable once built and safe to share between threads.
    private static readonly FluidParser Parser = new();

    /// <summary>A Liquid template: syntax and filter names (Fluid ignores unknown filters when rendering).</summary>
    public static string? ValidateTemplate(string source) => ParseTemplate(source, out _);

    /// <summary>Parses a template and checks its filter names; null when it is fine, else the reason.</summary>
    internal static string? ParseTemplate(string source, out IFluidTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(source);
        template = null;
        IFluidTemplate? parsed;
        try
        {
            parsed = Parser.Parse(source);
        }
        catch (ParseException ex)
        {
            return DescribeParseError(ex.Message);
        }

        if (parsed is null)
        {
            return "has a syntax error Fluid could not place";
        }

        var visitor = new FilterNameCollector();
        visitor.VisitTemplate(parsed);
        foreach (var name in visitor.Names)
        {
            if (!TemplateFilterNames.All.Contains(name))
            {
                var suggestion = SuggestFilter(name);
                return suggestion is null
                    ? $"uses the unknown filter '{name}'"
                    : $"uses the unknown filter '{name}' (did you mean '{suggestion}'?)";
            }
        }

        template = parsed;
        return null;
    }

    /// <summary>A JSONPath expression as Newtonsoft.Json reads it; it must start at the root <c>$</c>.</summary>
    public static string? ValidateJsonPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim();
        if (trimmed.Length == 0)
        {
            return "is empty; a JSONPath starts with '$' (for example $.id)";
        }

        if (trimmed[0] != '$')
        {
            return $"is not a valid JSONPath: it must start with '$' (for example $.{trimmed.TrimStart('.')})";
        }

        try
        {
            // JPath parses the whole expression before it evaluates anything.
            _ = new JObject().SelectTokens(trimmed).Take(1).ToList();
        }
        catch (JsonException ex)
        {
            return "is not a valid JSONPath: " + ex.Message;
        }

        return null;
    }

    /// <summary>An XPath 1.0 expression; every prefix it uses must be declared in <paramref name="namespaces"/>.</summary>
    public static string? ValidateXPath(string path, IReadOnlyDictionary<string, string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(namespaces);
        if (path.Trim().Length == 0)
        {
            return "is empty; an XPath selects something (for example //m:Customer/m:Name)";
        }

        XPathExpression expression;
        try
        {
            expression = XPathExpression.Compile(path);
        }
        catch (XPathException ex)
        {
            return "is not a valid XPath: " + ex.Message;
        }

        foreach (Match match in PrefixPattern().Matches(StringLiteralPattern().Replace(path, "''")))
        {
            var prefix = match.Groups["prefix"].Value;
            if (prefix != "xml" && !namespaces.ContainsKey(prefix))
            {
                return $"uses the prefix '{prefix}' which is not declared under namespaces";
            }
        }

        try
        {
            // Evaluating against an empty document surfaces what compiling does not: unknown functions and prefixes.
            var navigator = new XmlDocument().CreateNavigator()!;
            expression.SetContext(XPathNamespaces.Create(namespaces, navigator.NameTable));
            _ = navigator.Evaluate(expression);
        }
        catch (XPathException ex)
        {
            return "is not a valid XPath: " + ex.Message;
        }
        catch (ArgumentException ex)
        {
            return "is not a valid XPath: " + ex.Message;
        }

        return null;
    }

    /// <summary>
    /// A path for a response of <paramref name="format"/>: JSONPath for JSON, XPath for XML, and for
    /// <see cref="ResponseFormat.Auto"/> JSONPath when it starts with '$', else XPath.
    /// </summary>
    public static string? ValidatePath(string path, ResponseFormat format, IReadOnlyDictionary<string, string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(path);
        return format switch
        {
            ResponseFormat.Json => ValidateJsonPath(path),
            ResponseFormat.Xml => ValidateXPath(path, namespaces),
            _ => path.TrimStart().StartsWith('$') ? ValidateJsonPath(path) : ValidateXPath(path, namespaces),
        };
    }

    private static string DescribeParseError(string message)
    {
        // Fluid writes "<what> at (line:column)\nSource:\n<line>".
        var match = ParseErrorPattern().Match(message);
        if (!match.Success)
        {
            return "has a syntax error: " + message.Split('\n')[0].Trim();
        }

        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture);
        return $"has a syntax error at line {line}, column {column}: {match.Groups["what"].Value.Trim()}";
    }

    private static string? SuggestFilter(string name)
    {
        var squashed = Squash(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in TemplateFilterNames.All.Order(StringComparer.Ordinal))
        {
            var distance = Squash(known) == squashed ? 0 : Distance(name.ToLowerInvariant(), known);
            if (distance < bestDistance)
            {
                best = known;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    private static string Squash(string name) =>
        name.Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .ToLowerInvariant();

    // Levenshtein distance; filter names are short.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^(?<what>.*?) at \((?<line>\d+):(?<column>\d+)\)", RegexOptions.Singleline)]
    private static partial Regex ParseErrorPattern();

    // A QName prefix: "m:Name" or "m:*", but not an axis ("child::") and not inside a string literal.
    [GeneratedRegex(@"(?<![\w.\-:])(?<prefix>[A-Za-z_][\w.\-]*):(?=[A-Za-z_*])")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'")]
    private static partial Regex StringLiteralPattern();
}
