using System.Collections.Concurrent;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Switchboard.Mapping.Responses;

/// <summary>
/// JSONPath over Newtonsoft tokens; <c>$</c> is the token the path is evaluated on.
/// </summary>
/// <remarks>
/// Newtonsoft parses a path on every evaluation. Mappings use a handful of paths over and over, and almost all are
/// plain steps (<c>$.records[*]</c>, <c>$.customer.id</c>, <c>$.lines[0]</c>), so those are parsed once into
/// <see cref="Step"/>s and walked directly, with the same results as Newtonsoft's evaluation (a name on a non-object
/// or an index past the end matches nothing, <c>[*]</c> gives an array's elements and nothing for an object).
/// Any other path (filters, quoted names, slices, recursive descent) goes to Newtonsoft.
/// </remarks>
internal static class JsonPaths
{
    private const int MaxCachedPaths = 4096;
    private static readonly ConcurrentDictionary<string, Step[]?> Plain = new(StringComparer.Ordinal);

    public static JToken? SelectFirst(JToken context, string path)
    {
        if (PlainSteps(path) is { } steps)
        {
            return First(context, steps, 0);
        }

        try
        {
            return context.SelectTokens(path).FirstOrDefault();
        }
        catch (JsonException ex)
        {
            throw new PathException($"has a path that is not valid JSONPath ({path}): {ex.Message}", ex);
        }
    }

    public static IReadOnlyList<JToken> SelectAll(JToken context, string path)
    {
        if (PlainSteps(path) is { } steps)
        {
            var found = new List<JToken>();
            Collect(context, steps, 0, found);
            return found;
        }

        try
        {
            return context.SelectTokens(path).ToList();
        }
        catch (JsonException ex)
        {
            throw new PathException($"has a path that is not valid JSONPath ({path}): {ex.Message}", ex);
        }
    }

    /// <summary>The path's steps when it is plain, else null (also cached, so a path is looked at once).</summary>
    internal static Step[]? PlainSteps(string path)
    {
        if (Plain.TryGetValue(path, out var steps))
        {
            return steps;
        }

        steps = Parse(path);
        if (Plain.Count < MaxCachedPaths)
        {
            Plain.TryAdd(path, steps);
        }

        return steps;
    }

    private static JToken? First(JToken token, Step[] steps, int at)
    {
        for (; at < steps.Length; at++)
        {
            var step = steps[at];
            if (step.All)
            {
                if (token is not JArray array)
                {
                    return null;
                }

                foreach (var element in array)
                {
                    if (First(element, steps, at + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            if (Next(token, step) is not { } next)
            {
                return null;
            }

            token = next;
        }

        return token;
    }

    private static void Collect(JToken token, Step[] steps, int at, List<JToken> found)
    {
        for (; at < steps.Length; at++)
        {
            var step = steps[at];
            if (step.All)
            {
                if (token is JArray array)
                {
                    foreach (var element in array)
                    {
                        Collect(element, steps, at + 1, found);
                    }
                }

                return;
            }

            if (Next(token, step) is not { } next)
            {
                return;
            }

            token = next;
        }

        found.Add(token);
    }

    /// <summary>A name or index step from <paramref name="token"/>: null when the token has no such member or element.</summary>
    private static JToken? Next(JToken token, Step step) =>
        step.Name is { } name
            ? (token as JObject)?[name]
            : token is JArray list && step.Index < list.Count ? list[step.Index] : null;

    /// <summary><c>$</c> followed by <c>.name</c> (letters, digits, <c>_</c>; not starting with a digit), <c>[*]</c> or <c>[n]</c>.</summary>
    private static Step[]? Parse(string path)
    {
        if (path.Length == 0 || path[0] != '$')
        {
            return null;
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && (char.IsAsciiLetterOrDigit(path[i]) || path[i] == '_'))
                {
                    i++;
                }

                if (i == start || char.IsAsciiDigit(path[start]) || (i < path.Length && path[i] != '.' && path[i] != '['))
                {
                    return null;
                }

                steps.Add(new Step(path[start..i], 0, All: false));
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return null;
                }

                var inside = path.AsSpan(i + 1, close - i - 1);
                if (inside is "*")
                {
                    steps.Add(new Step(null, 0, All: true));
                }
                else if (inside.Length is > 0 and <= 9 && inside.IndexOfAnyExceptInRange('0', '9') < 0
                    && int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new Step(null, index, All: false));
                }
                else
                {
                    return null;
                }

                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return [.. steps];
    }

    /// <summary>One step of a plain path: a property by name, an element by index, or every element.</summary>
    internal readonly record struct Step(string? Name, int Index, bool All);
}
