namespace Switchboard.Core.Common;

/// <summary>One thing wrong with one field of an input: which field, which value, and why.</summary>
public sealed record FieldError(string Field, string? Value, string Reason)
{
    public override string ToString() =>
        Value is null ? $"{Field}: {Reason}" : $"{Field}: '{Value}' {Reason}";
}
