namespace Switchboard.Desktop.Actions;

/// <summary>What the desktop offers beyond the basics: the system it creates unknown callers in, if any.</summary>
public sealed record DesktopSettingsView(string? CreateCustomerIn);
