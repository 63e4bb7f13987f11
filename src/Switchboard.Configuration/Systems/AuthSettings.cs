namespace Switchboard.Configuration;

/// <summary>The <c>auth</c> section of a system. Only the fields of <see cref="Type"/> are set; secrets are references.</summary>
public sealed record AuthSettings
{
    public static readonly AuthSettings None = new();

    public AuthType Type { get; init; } = AuthType.None;

    /// <summary>apiKey: where the key goes (header by default).</summary>
    public ApiKeyLocation In { get; init; } = ApiKeyLocation.Header;

    /// <summary>apiKey: the header carrying the key (in: header).</summary>
    public string? Header { get; init; }

    /// <summary>apiKey: the query parameter carrying the key (in: query).</summary>
    public string? Parameter { get; init; }

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

    /// <summary>oauth2: the resource/audience requested, if the server needs one (RFC 8707 <c>resource</c>).</summary>
    public string? Resource { get; init; }

    /// <summary>mtls: the client certificate (.pfx/.p12, or a PEM with its key); absolute after loading.</summary>
    public string? Certificate { get; init; }

    /// <summary>mtls: the certificate's password, if it has one.</summary>
    public SecretReference? CertificatePassword { get; init; }

    /// <summary>custom: header name to a template over <c>secrets.NAME</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyHeaders;

    /// <summary>custom: secret name to reference.</summary>
    public IReadOnlyDictionary<string, SecretReference> Secrets { get; init; } = EmptySecrets;

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    private static readonly IReadOnlyDictionary<string, SecretReference> EmptySecrets =
        new Dictionary<string, SecretReference>(StringComparer.Ordinal).AsReadOnly();
}
