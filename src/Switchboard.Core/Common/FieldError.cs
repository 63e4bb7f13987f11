namespace Switchboard.Core.Common;

/// <summary>One thing wrong with one field of an input: which field, which value, and why.</summary>
public sealed record FieldError(string Field, string? Value, string Reason)
{
    /// <summary>The errors by field, as problem details' <c>errors</c> member lists them.</summary>
    public static Dictionary<string, string[]> ByField(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        Value is null ? $"{Field}: {Reason}" : $"{Field}: '{Value}' {Reason}";
}
