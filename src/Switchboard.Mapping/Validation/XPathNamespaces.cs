using System.Xml;

namespace Switchboard.Mapping.Validation;

/// <summary>Builds the namespace manager XPath evaluation resolves a mapping's prefixes with.</summary>
internal static class XPathNamespaces
{
    public static XmlNamespaceManager Create(IReadOnlyDictionary<string, string> namespaces, XmlNameTable nameTable)
    {
        var manager = new XmlNamespaceManager(nameTable);
        foreach (var (prefix, uri) in namespaces)
        {
            manager.AddNamespace(prefix, uri);
        }

        return manager;
    }
}
