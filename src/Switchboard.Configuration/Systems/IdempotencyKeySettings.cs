namespace Switchboard.Configuration;

/// <summary>An idempotency key sent with a write, so a retried write has one effect.</summary>
public sealed record IdempotencyKeySettings
{
    /// <summary>The header, e.g. <c>Idempotency-Key</c>.</summary>
    public required string Header { get; init; }

    /// <summary>A template for the key; by default the caller's <c>idempotencyKey</c> argument (derived from the message).</summary>
    public string Value { get; init; } = "{{ idempotencyKey }}";
}
