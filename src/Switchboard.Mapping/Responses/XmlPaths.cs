using System.Collections.Concurrent;
using System.Globalization;
using System.Xml;
using System.Xml.XPath;
using Newtonsoft.Json.Linq;

namespace Switchboard.Mapping.Responses;

/// <summary>
/// XPath 1.0 over a read-only document. A path selecting nodes gives the first node's text; one
/// computing a string, number or boolean (<c>string(@id)</c>, <c>count(m:Line)</c>) gives that value.
/// </summary>
internal static class XmlPaths
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    private const int CacheLimit = 4096;

    // Compiling is the costly part; a compiled expression is cloned before each use because
    // SetContext changes it. Paths come from configuration, so the cache stays small.
    private static readonly ConcurrentDictionary<string, XPathExpression> Compiled = new(StringComparer.Ordinal);

    public static JToken? SelectValue(XPathNavigator context, string path, XmlNamespaceManager namespaces)
    {
        var result = Evaluate(context, path, namespaces);
        switch (result)
        {
            case XPathNodeIterator nodes:
                if (!nodes.MoveNext() || nodes.Current is not { } node)
                {
                    return null;
                }

                return IsNil(node) ? JValue.CreateNull() : new JValue(node.Value);
            case string text:
                return new JValue(text);
            case bool flag:
                return new JValue(flag);
            case double number when double.IsNaN(number) || double.IsInfinity(number):
                return null;
            case double number when number == Math.Floor(number) && Math.Abs(number) < 1e15:
                return new JValue((long)number);
            case double number:
                return new JValue(decimal.Parse(number.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture));
            default:
                return null;
        }
    }

    public static IReadOnlyList<XPathNavigator> SelectNodes(XPathNavigator context, string path, XmlNamespaceManager namespaces)
    {
        if (Evaluate(context, path, namespaces) is not XPathNodeIterator nodes)
        {
            throw new PathException($"has a path that selects a value, not elements ({path})", new XPathException(path));
        }

        var list = new List<XPathNavigator>();
        while (nodes.MoveNext())
        {
            if (nodes.Current is { } node)
            {
                list.Add(node.Clone());
            }
        }

        return list;
    }

    public static JToken NodeValue(XPathNavigator node) => IsNil(node) ? JValue.CreateNull() : new JValue(node.Value);

    private static object Evaluate(XPathNavigator context, string path, XmlNamespaceManager namespaces)
    {
        try
        {
            var expression = Compile(path).Clone();
            expression.SetContext(namespaces);
            return context.Evaluate(expression);
        }
        catch (XPathException ex)
        {
            throw new PathException($"has a path that is not valid XPath ({path}): {ex.Message}", ex);
        }
    }

    private static XPathExpression Compile(string path)
    {
        if (Compiled.TryGetValue(path, out var expression))
        {
            return expression;
        }

        expression = XPathExpression.Compile(path);
        if (Compiled.Count < CacheLimit)
        {
            Compiled.TryAdd(path, expression);
        }

        return expression;
    }

    private static bool IsNil(XPathNavigator node) =>
        node.NodeType == XPathNodeType.Element
        && node.GetAttribute("nil", XsiNamespace) is "true" or "1";
}
