using System.Xml;
using System.Xml.XPath;
using Newtonsoft.Json.Linq;

namespace Switchboard.Mapping.Responses;

/// <summary>The current item of a mapping, JSON or XML, that field paths are evaluated against.</summary>
internal abstract class MappingSource
{
    /// <summary>The first value at <paramref name="path"/>; null when nothing matches.</summary>
    public abstract JToken? SelectValue(string path);

    /// <summary>
    /// The elements at <paramref name="path"/>. A JSON path that selects one array (<c>$.lines</c>
    /// rather than <c>$.lines[*]</c>) gives that array's elements.
    /// </summary>
    public abstract IReadOnlyList<MappingSource> SelectItems(string path);

    /// <summary>The item itself as a value: the JSON token, or the XML node's text.</summary>
    public abstract JToken Value { get; }

    public static MappingSource ForJson(JToken token) => new JsonSource(token);

    public static MappingSource ForXml(XPathNavigator node, XmlNamespaceManager namespaces) => new XmlSource(node, namespaces);

    private sealed class JsonSource(JToken token) : MappingSource
    {
        public override JToken Value => token;

        public override JToken? SelectValue(string path) => JsonPaths.SelectFirst(token, path);

        public override IReadOnlyList<MappingSource> SelectItems(string path)
        {
            var matches = JsonPaths.SelectAll(token, path);
            if (matches is [JArray array])
            {
                matches = array.ToList();
            }

            return matches.Where(match => match.Type != JTokenType.Null).Select(match => (MappingSource)new JsonSource(match)).ToList();
        }
    }

    private sealed class XmlSource(XPathNavigator node, XmlNamespaceManager namespaces) : MappingSource
    {
        public override JToken Value => XmlPaths.NodeValue(node);

        public override JToken? SelectValue(string path) => XmlPaths.SelectValue(node, path, namespaces);

        public override IReadOnlyList<MappingSource> SelectItems(string path) =>
            XmlPaths.SelectNodes(node, path, namespaces).Select(match => (MappingSource)new XmlSource(match, namespaces)).ToList();
    }
}
