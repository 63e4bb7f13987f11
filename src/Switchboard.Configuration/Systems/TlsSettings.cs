namespace Switchboard.Configuration;

/// <summary>The <c>tls</c> section of an HTTP or AMQP system.</summary>
public sealed record TlsSettings
{
    public static readonly TlsSettings Default = new();

    /// <summary>A PEM file of CA certificates trusted for this system only (a private CA); absolute after loading.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>Accept any server certificate. For a test system only; the check warns about it.</summary>
    public bool InsecureSkipVerify { get; init; }
}
