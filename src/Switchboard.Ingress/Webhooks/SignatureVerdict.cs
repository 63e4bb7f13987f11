namespace Switchboard.Ingress.Webhooks;

/// <summary>What <see cref="WebhookSignatureVerifier"/> found.</summary>
public enum SignatureVerdict
{
    Valid,

    /// <summary>The signature header is absent or empty.</summary>
    Missing,

    /// <summary>The signature is not the one the secret gives for this request.</summary>
    Mismatch,
}
