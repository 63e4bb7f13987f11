namespace Switchboard.Configuration;

/// <summary>How an operation's response maps onto canonical fields (JSONPath for JSON, XPath for XML).</summary>
public sealed record ResponseMapping
{
    /// <summary>A path to the list of results, when the response holds several; null when it is one record.</summary>
    public string? Items { get; init; }

    /// <summary>Canonical field name to a path, evaluated relative to each item.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();
}
