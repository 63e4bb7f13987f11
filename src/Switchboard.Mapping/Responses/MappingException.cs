namespace Switchboard.Mapping.Responses;

/// <summary>
/// A response that does not fit its mapping. <see cref="Field"/> is dotted with list indexes
/// (<c>lines[2].quantity</c>); <see cref="Reason"/> completes a sentence about the value
/// (<c>is not a whole number</c>) and says which item when the response holds several (<c>in item 3</c>,
/// counting from 0). The connector adds the system and the operation.
/// </summary>
public sealed class MappingException : Exception
{
    public MappingException()
        : this("?", null, "does not fit the mapping")
    {
    }

    public MappingException(string message)
        : this("?", null, message)
    {
    }

    public MappingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "?";
        Reason = message;
    }

    public MappingException(string field, string? value, string reason, Exception? innerException = null)
        : base(Describe(field, value, reason), innerException)
    {
        Field = field;
        Value = value is null ? null : ValueText.Shorten(value);
        Reason = reason;
    }

    /// <summary>The canonical field, e.g. <c>customer.name</c> or <c>lines[2].quantity</c>.</summary>
    public string Field { get; }

    /// <summary>The offending source value (at most 200 characters), or null when there was none.</summary>
    public string? Value { get; }

    /// <summary>Why, e.g. <c>is not a whole number</c> or <c>is required but the response has no value at $.id</c>.</summary>
    public string Reason { get; }

    private static string Describe(string field, string? value, string reason) =>
        value is null ? $"field '{field}': {reason}" : $"field '{field}': value {ValueText.Quote(value)} {reason}";
}
