using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Switchboard.Mapping.Responses;

/// <summary>JSONPath over Newtonsoft tokens; <c>$</c> is the token the path is evaluated on.</summary>
internal static class JsonPaths
{
    public static JToken? SelectFirst(JToken context, string path)
    {
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
        try
        {
            return context.SelectTokens(path).ToList();
        }
        catch (JsonException ex)
        {
            throw new PathException($"has a path that is not valid JSONPath ({path}): {ex.Message}", ex);
        }
    }
}
