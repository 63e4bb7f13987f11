namespace Switchboard.Mapping;

/// <summary>
/// How one canonical field is read from a response item. The short YAML form <c>field: $.path</c>
/// sets only <see cref="Path"/>. A field is either a value (<see cref="Path"/>), a nested object
/// (<see cref="Fields"/> without <see cref="Items"/>) or a list (<see cref="Items"/>, with
/// <see cref="Fields"/> for each element, or without to take the values themselves).
/// </summary>
public sealed record FieldMapping
{
    /// <summary>JSONPath or XPath relative to the current item; null for a constant (<see cref="Default"/>) or a nested object.</summary>
    public string? Path { get; init; }

    public ValueKind Type { get; init; } = ValueKind.Auto;

    /// <summary>
    /// DateTime/Date source format: <c>iso</c> (default), <c>epochSeconds</c>, <c>epochMillis</c>, or a .NET
    /// custom format such as <c>dd.MM.yyyy HH:mm</c> (read in <see cref="TimeZone"/>).
    /// </summary>
    public string? Format { get; init; }

    /// <summary>IANA time zone for local date-times without an offset (default UTC).</summary>
    public string? TimeZone { get; init; }

    /// <summary>Enum map: source value (compared ignoring case) to canonical value.</summary>
    public IReadOnlyDictionary<string, string>? Map { get; init; }

    /// <summary>
    /// With <see cref="Map"/>: what a value missing from the map becomes. Null means the value is
    /// an error naming the allowed values; <c>"*"</c> keeps the source value.
    /// </summary>
    public string? MapOther { get; init; }

    /// <summary>Used when the path finds nothing or null (converted like a found value).</summary>
    public string? Default { get; init; }

    /// <summary>A missing value (after <see cref="Default"/>) is an error.</summary>
    public bool Required { get; init; }

    /// <summary>A list: the path to its elements, relative to the current item.</summary>
    public string? Items { get; init; }

    /// <summary>A nested object, or each element of <see cref="Items"/>.</summary>
    public IReadOnlyDictionary<string, FieldMapping>? Fields { get; init; }

    public bool IsList => Items is not null;

    public bool IsObject => Items is null && Fields is not null;

    public static FieldMapping ForPath(string path) => new() { Path = path };
}
