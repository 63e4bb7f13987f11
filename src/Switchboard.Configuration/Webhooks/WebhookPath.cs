using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Switchboard.Configuration;

/// <summary>
/// Paths into a JSON payload: properties separated by dots, array items by <c>[n]</c>:
/// <c>detail.agentInfo.agentArn</c>, <c>resources[0]</c>. Property names may hold any character but
/// <c>.</c> and <c>[</c> (<c>tags.aws:connect:systemEndpoint</c> works). Form payloads use the
/// parameter name as the whole path.
/// </summary>
public static class WebhookPath
{
    public static bool TryParse(string path, [NotNullWhen(true)] out IReadOnlyList<WebhookPathStep>? steps, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        steps = null;
        var result = new List<WebhookPathStep>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = "has a '[' that is not an array index like [0]";
                    return false;
                }

                result.Add(new WebhookPathStep(null, index));
                i = close + 1;
                if (i < path.Length && path[i] == '.')
                {
                    i++;
                    if (i == path.Length)
                    {
                        error = "ends with '.'";
                        return false;
                    }
                }

                continue;
            }

            var end = path.IndexOfAny(['.', '['], i);
            end = end < 0 ? path.Length : end;
            if (end == i)
            {
                error = "has an empty property name (two dots, or a leading dot)";
                return false;
            }

            result.Add(new WebhookPathStep(path[i..end]));
            i = end;
            if (i < path.Length && path[i] == '.')
            {
                i++;
                if (i == path.Length)
                {
                    error = "ends with '.'";
                    return false;
                }
            }
        }

        if (result.Count == 0)
        {
            error = "is empty";
            return false;
        }

        steps = result.AsReadOnly();
        error = null;
        return true;
    }
}
