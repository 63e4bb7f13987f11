namespace Switchboard.Desktop.Actions;

/// <summary>
/// The contact center accepted to place the call: <see cref="CallId"/> is the id its events will carry, so the
/// outbound call's pop and interaction can be recognized; <see cref="Number"/> is what was dialled (E.164).
/// </summary>
public sealed record PlaceCallAccepted(string CallId, string System, string Number);
