namespace Switchboard.Mapping;

/// <summary>How a response maps onto canonical records.</summary>
public sealed record ResponseMapping
{
    public ResponseFormat Format { get; init; } = ResponseFormat.Auto;

    /// <summary>XML: prefix to namespace URI, for the XPath expressions.</summary>
    public IReadOnlyDictionary<string, string> Namespaces { get; init; } = EmptyNamespaces;

    /// <summary>A path to the list of results when the response holds several; null when it is one record.</summary>
    public string? Items { get; init; }

    /// <summary>Canonical field name to its mapping, evaluated relative to each item.</summary>
    public IReadOnlyDictionary<string, FieldMapping> Fields { get; init; } = EmptyFields;

    private static readonly IReadOnlyDictionary<string, string> EmptyNamespaces =
        new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    private static readonly IReadOnlyDictionary<string, FieldMapping> EmptyFields =
        new Dictionary<string, FieldMapping>(StringComparer.Ordinal).AsReadOnly();
}
