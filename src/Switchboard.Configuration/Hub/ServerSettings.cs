using System.Net;

namespace Switchboard.Configuration;

/// <summary>The <c>server</c> section of switchboard.yaml. Changes take effect on restart.</summary>
public sealed record ServerSettings
{
    public const int MinHttpsPort = 0;
    public const int MaxHttpsPort = 65535;

    /// <summary>The IP address the HTTPS listener binds; 0.0.0.0 for every interface.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>1..65535; 0 lets the operating system pick a free port (tests).</summary>
    public int HttpsPort { get; init; } = 5443;

    /// <summary>The TLS certificate; null means a self-signed development certificate made on first run in the data directory.</summary>
    public CertificateSettings? Certificate { get; init; }

    public ServerLimits Limits { get; init; } = new();
}
