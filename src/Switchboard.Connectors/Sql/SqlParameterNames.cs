namespace Switchboard.Connectors.Sql;

/// <summary>
/// Finds the <c>@name</c> parameters of a PostgreSQL text, skipping string literals (<c>'…'</c>,
/// <c>E'…'</c>, <c>$tag$…$tag$</c>), quoted identifiers and comments, so a literal such as
/// <c>'user@example.com'</c> is not taken for a parameter. Npgsql rewrites the same names into
/// positional parameters; values are never spliced into the text.
/// </summary>
internal static class SqlParameterNames
{
    /// <summary>The parameter names (without '@') in order of first use, each once.</summary>
    public static IReadOnlyList<string> Find(string sql)
    {
        var names = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentifierPart(sql[i - 2]));
                i = SkipQuoted(sql, i, '\'', escapes);
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', backslashEscapes: false);
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '$' && (i == 0 || !IsIdentifierPart(sql[i - 1])) && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
            }
            else if (c == '@' && IsIdentifierStart(At(sql, i + 1)) && (i == 0 || !IsIdentifierPart(sql[i - 1]) && sql[i - 1] != '@'))
            {
                var start = i + 1;
                i = start;
                while (i < sql.Length && IsIdentifierPart(sql[i]))
                {
                    i++;
                }

                var name = sql[start..i];
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    private static char At(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int SkipQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
            }
            else if (sql[i] == quote)
            {
                // A doubled quote is an escaped quote inside the literal.
                if (At(sql, i + 1) != quote)
                {
                    return i + 1;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static int SkipBlockComment(string sql, int start)
    {
        // PostgreSQL block comments nest.
        var depth = 0;
        var i = start;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && At(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && At(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static string? DollarTag(string sql, int start)
    {
        var i = start + 1;
        while (i < sql.Length && IsIdentifierPart(sql[i]))
        {
            i++;
        }

        return i < sql.Length && sql[i] == '$' && (i == start + 1 || !char.IsAsciiDigit(sql[start + 1]))
            ? sql[start..(i + 1)]
            : null;
    }
}
