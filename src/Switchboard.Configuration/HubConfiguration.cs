namespace Switchboard.Configuration;

/// <summary>The whole configuration, loaded from one directory by <see cref="ConfigurationLoader"/>. Immutable.</summary>
public sealed record HubConfiguration
{
    /// <summary>The absolute configuration directory.</summary>
    public required string Directory { get; init; }

    /// <summary>A SHA-256 (hex) over the names and contents of every file read; equal fingerprints mean nothing changed.</summary>
    public required string Fingerprint { get; init; }

    public HubSettings Hub { get; init; } = new();

    public ServerSettings Server { get; init; } = new();

    public StorageSettings Storage { get; init; } = new();

    public PhoneSettings Phone { get; init; } = new();

    public LoggingSettings Logging { get; init; } = new();

    public DesktopSettings Desktop { get; init; } = new();

    public DeliverySettings Delivery { get; init; } = new();

    /// <summary>Present when switchboard.yaml has a <c>redis</c> section: the push backplane of several hub processes.</summary>
    public RedisSettings? Redis { get; init; }

    /// <summary>In file-name order.</summary>
    public IReadOnlyList<SystemDefinition> Systems { get; init; } = [];

    /// <summary>In file-name order.</summary>
    public IReadOnlyList<FlowDefinition> Flows { get; init; } = [];

    /// <summary>In file-name order.</summary>
    public IReadOnlyList<WebhookDefinition> Webhooks { get; init; } = [];

    public SystemDefinition? FindSystem(string name) =>
        Systems.FirstOrDefault(system => string.Equals(system.Name, name, StringComparison.Ordinal));

    public FlowDefinition? FindFlow(string name) =>
        Flows.FirstOrDefault(flow => string.Equals(flow.Name, name, StringComparison.Ordinal));

    public WebhookDefinition? FindWebhook(string name) =>
        Webhooks.FirstOrDefault(webhook => string.Equals(webhook.Name, name, StringComparison.Ordinal));
}
