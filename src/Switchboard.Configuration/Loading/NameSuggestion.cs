namespace Switchboard.Configuration;

/// <summary>Finds the known name closest to a misspelt one, by Levenshtein distance.</summary>
internal static class NameSuggestion
{
    /// <summary>The closest candidate, if it is close enough to be a likely typo: one edit per three characters of the name, at least one.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = string.Equals(input, candidate, StringComparison.OrdinalIgnoreCase)
                ? 0
                : Distance(input, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, input.Length / 3) ? best : null;
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) between two names.</summary>
    public static int Distance(string a, string b)
    {
        // Optimal string alignment: a swapped pair ("cmr" for "crm") is one typo, not two.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary><c>; did you mean 'address'?</c>, or nothing.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } match ? $"; did you mean '{match}'?" : string.Empty;
}
