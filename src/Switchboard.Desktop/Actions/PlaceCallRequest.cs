namespace Switchboard.Desktop.Actions;

/// <summary>Click-to-dial: the number to call, in any common notation (normalized before it is dialled).</summary>
public sealed record PlaceCallRequest(string? Number);
