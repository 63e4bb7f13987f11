namespace Switchboard.Configuration;

/// <summary>How a webhook's sender signs its requests.</summary>
public enum SignatureScheme
{
    /// <summary>
    /// Twilio's <c>X-Twilio-Signature</c>: base64 HMAC-SHA1, keyed with the auth token, over the full URL
    /// followed by every POST parameter's name and value, sorted by name.
    /// </summary>
    Twilio,

    /// <summary>HMAC-SHA256 (hex or base64) over a template such as <c>{timestamp}.{body}</c>.</summary>
    HmacSha256,
}
