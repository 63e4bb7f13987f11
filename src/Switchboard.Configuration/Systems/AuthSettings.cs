namespace Switchboard.Configuration;

/// <summary>The <c>auth</c> section of a system. Only the fields of <see cref="Type"/> are set; secrets are references.</summary>
public sealed record AuthSettings
{
    public static readonly AuthSettings None = new();

    public AuthType Type { get; init; } = AuthType.None;

    /// <summary>apiKey: the header carrying the key.</summary>
    public string? Header { get; init; }

    /// <summary>apiKey: the key.</summary>
    public SecretReference? Key { get; init; }

    /// <summary>basic: the user name.</summary>
    public string? Username { get; init; }

    /// <summary>basic: the password.</summary>
    public SecretReference? Password { get; init; }

    /// <summary>oauth2: the token endpoint.</summary>
    public Uri? TokenUrl { get; init; }

    /// <summary>oauth2: the client id.</summary>
    public string? ClientId { get; init; }

    /// <summary>oauth2: the client secret.</summary>
    public SecretReference? ClientSecret { get; init; }

    /// <summary>oauth2: the scope requested, if any.</summary>
    public string? Scope { get; init; }

    /// <summary>mtls: the client certificate (.pfx); absolute after loading.</summary>
    public string? Certificate { get; init; }

    /// <summary>mtls: the certificate's password, if it has one.</summary>
    public SecretReference? CertificatePassword { get; init; }
}
