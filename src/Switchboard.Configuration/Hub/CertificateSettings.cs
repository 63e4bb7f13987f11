namespace Switchboard.Configuration;

/// <summary>A PKCS #12 (.pfx) certificate file and the reference to its password.</summary>
public sealed record CertificateSettings
{
    /// <summary>Absolute after loading (relative paths are taken from the configuration directory).</summary>
    public required string Path { get; init; }

    public SecretReference? Password { get; init; }
}
