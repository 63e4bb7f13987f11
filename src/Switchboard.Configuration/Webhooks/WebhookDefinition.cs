namespace Switchboard.Configuration;

/// <summary>
/// A vendor webhook, declared in one file under <c>webhooks/</c>: the vendor posts its own format to
/// <c>POST /webhooks/{name}</c>; the signature authenticates it, the rules and fields turn it into a
/// <see cref="Core.Events.ContactCenterEvent"/>.
/// </summary>
public sealed record WebhookDefinition
{
    /// <summary>Unique; lowercase letters, digits and '-'; the last segment of the route.</summary>
    public required string Name { get; init; }

    /// <summary>The file that declares it, relative to the configuration directory.</summary>
    public required string File { get; init; }

    public WebhookFormat Format { get; init; } = WebhookFormat.Json;

    /// <summary>off: not served (404); shadow: verified, mapped and validated but not ingested; on: ingested.</summary>
    public RolloutMode Mode { get; init; } = RolloutMode.Off;

    public required WebhookSignature Signature { get; init; }

    /// <summary>In file order; the first rule whose conditions all hold produces the event.</summary>
    public IReadOnlyList<WebhookRule> Rules { get; init; } = [];

    /// <summary>Our field name (<see cref="WebhookFields"/>) to where its value comes from.</summary>
    public IReadOnlyDictionary<string, WebhookValue> Fields { get; init; } = new Dictionary<string, WebhookValue>();

    /// <summary>Attribute name to where its value comes from; attributes whose source is absent are left out.</summary>
    public IReadOnlyDictionary<string, WebhookValue> Attributes { get; init; } = new Dictionary<string, WebhookValue>();

    /// <summary>Our field name to a translation of vendor values; a value not listed passes unchanged.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ValueMaps { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>How <c>occurredAt</c> (and a timestamp field) is written.</summary>
    public WebhookTimestampFormat TimestampFormat { get; init; } = WebhookTimestampFormat.Iso8601;

    /// <summary><c>/webhooks/{name}</c></summary>
    public string Route => $"/webhooks/{Name}";
}
