namespace Switchboard.Mapping.Responses;

/// <summary>A path that fails when evaluated; the mapper names the field it belongs to.</summary>
internal sealed class PathException(string reason, Exception innerException) : Exception(reason, innerException);
