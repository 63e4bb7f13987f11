namespace Switchboard.Configuration;

/// <summary>How the hub authenticates to a system.</summary>
public enum AuthType
{
    None,

    /// <summary>A key sent in a request header or a query parameter.</summary>
    ApiKey,

    /// <summary>HTTP basic authentication.</summary>
    Basic,

    /// <summary>OAuth 2.0 client credentials; tokens are cached until shortly before they expire.</summary>
    OAuth2,

    /// <summary>Mutual TLS with a client certificate.</summary>
    Mtls,

    /// <summary>Headers rendered from templates over named secrets (<c>Authorization: Token {{ secrets.token }}</c>).</summary>
    Custom,
}
