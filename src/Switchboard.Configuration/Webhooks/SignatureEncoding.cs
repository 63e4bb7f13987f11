namespace Switchboard.Configuration;

/// <summary>How an HMAC is written in the signature header.</summary>
public enum SignatureEncoding
{
    /// <summary>Hexadecimal, either case.</summary>
    Hex,

    Base64,
}
