namespace Switchboard.Mapping;

/// <summary>How a response body is read.</summary>
public enum ResponseFormat
{
    /// <summary>From the Content-Type: XML for <c>*/xml</c> and <c>*+xml</c>, JSON otherwise.</summary>
    Auto,

    /// <summary>JSON; paths are JSONPath (<c>$.records[*].id</c>).</summary>
    Json,

    /// <summary>XML; paths are XPath 1.0 with the prefixes declared in <see cref="ResponseMapping.Namespaces"/>.</summary>
    Xml,
}
