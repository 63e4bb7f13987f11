namespace Switchboard.Ingress.Webhooks;

/// <summary>The parts of a webhook request a signature covers.</summary>
/// <param name="Signature">The signature header's value; null when absent.</param>
/// <param name="Url">The URL the vendor signed (the configured public URL, or the request's).</param>
/// <param name="Parameters">Form parameters as sent (Twilio signs them); empty for JSON.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Timestamp">The signing time as sent (header or field); null when none is configured or sent.</param>
public sealed record SignedRequest(
    string? Signature,
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    ReadOnlyMemory<byte> Body,
    string? Timestamp);
