namespace Switchboard.Desktop.Actions;

/// <summary>The 202 answer of a create the system has not confirmed yet: it stays queued and is retried.</summary>
public sealed record DesktopRecordQueued(string MessageId, string Status, string Detail);
