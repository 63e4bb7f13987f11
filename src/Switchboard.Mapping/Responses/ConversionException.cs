namespace Switchboard.Mapping.Responses;

/// <summary>A value the field's type or map refuses; the mapper adds the field and the value.</summary>
internal sealed class ConversionException(string reason) : Exception(reason);
