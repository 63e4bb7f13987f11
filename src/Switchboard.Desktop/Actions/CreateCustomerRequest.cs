namespace Switchboard.Desktop.Actions;

/// <summary>
/// The caller the pop did not find, created in the configured system of record while on <paramref name="CallId"/>:
/// their name, and their phone number (the desktop fills in the caller's) and email when known.
/// </summary>
public sealed record CreateCustomerRequest(string? CallId, string? Name, string? Phone = null, string? Email = null);
