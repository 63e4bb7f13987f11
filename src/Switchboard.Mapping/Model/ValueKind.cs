namespace Switchboard.Mapping;

/// <summary>What a mapped field's value becomes in the canonical record.</summary>
public enum ValueKind
{
    /// <summary>Whatever the source holds: text, number, boolean, or a JSON object/array as is.</summary>
    Auto,

    String,

    /// <summary>A whole number; "42" (a number sent as a string) is accepted.</summary>
    Integer,

    /// <summary>A decimal number; "12.50" is accepted. The invariant culture's '.' is the separator.</summary>
    Decimal,

    /// <summary>true/false, also "true"/"false", "1"/"0", "yes"/"no".</summary>
    Boolean,

    /// <summary>An instant, written ISO 8601 UTC; the source format is <see cref="FieldMapping.Format"/>.</summary>
    DateTime,

    /// <summary>A calendar date (yyyy-MM-dd).</summary>
    Date,

    /// <summary>A phone number normalized to E.164 with the hub's default region.</summary>
    Phone,
}
