namespace Switchboard.Desktop.Actions;

/// <summary>The desktop's action is committed to the event journal as this event.</summary>
public sealed record DesktopActionAccepted(string EventId, string Type);
