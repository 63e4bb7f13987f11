namespace Switchboard.Desktop.Actions;

/// <summary>The agent finishes after-call work: a disposition code from the configured list, and free notes.</summary>
public sealed record WrapUpRequest(string? Disposition, string? Notes);
