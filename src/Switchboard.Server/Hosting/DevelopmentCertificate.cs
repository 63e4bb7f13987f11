using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Server.Hosting;

/// <summary>
/// The self-signed certificate the hub serves HTTPS with until an administrator configures a real one.
/// Made on first run in the data directory and reused afterwards, so clients can pin it.
/// </summary>
public static class DevelopmentCertificate
{
    public const string FileName = "development-certificate.pfx";
    private static readonly TimeSpan Validity = TimeSpan.FromDays(730);

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "certs", FileName);

    /// <summary>Loads the certificate from the data directory, or makes a new one if it is missing or expires within a week.</summary>
    public static (X509Certificate2 Certificate, bool Created) LoadOrCreate(string dataDirectory, TimeProvider clock)
    {
        var path = PathIn(dataDirectory);
        var now = clock.GetUtcNow();
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (existing.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(7))
            {
                return (existing, false);
            }

            existing.Dispose();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pfx = Create(now);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, pfx);
        if (!OperatingSystem.IsWindows())
        {
            // The private key sits in this file: only the hub's user may read it.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        return (X509CertificateLoader.LoadPkcs12(pfx, password: null), true);
    }

    private static byte[] Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Switchboard development certificate", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
