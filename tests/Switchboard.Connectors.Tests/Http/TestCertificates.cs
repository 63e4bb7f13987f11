using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>A private CA with a server certificate for 127.0.0.1, a client certificate, and an unrelated CA; made in memory, written to a temporary folder.</summary>
public sealed class TestCertificates : IDisposable
{
    public const string ClientPassword = "client-pfx-password";

    public TestCertificates()
    {
        Folder = Directory.CreateTempSubdirectory("switchboard-tls-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var ca = CreateCa("CN=Switchboard Test CA", now);
        using var otherCa = CreateCa("CN=Some Other CA", now);
        Server = CreateServer(ca, now);
        Client = CreateClient(now);

        CaPem = Write("ca.pem", ca.ExportCertificatePem());
        OtherCaPem = Write("other-ca.pem", otherCa.ExportCertificatePem());
        ClientPfx = Path.Combine(Folder, "client.pfx");
        File.WriteAllBytes(ClientPfx, Client.Export(X509ContentType.Pkcs12, ClientPassword));
        using var key = Client.GetRSAPrivateKey()!;
        ClientPem = Write("client.pem", Client.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
    }

    public string Folder { get; }

    /// <summary>The server's certificate (with key), issued by the test CA to IP 127.0.0.1.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The hub's client certificate (with key), self-signed.</summary>
    public X509Certificate2 Client { get; }

    public string CaPem { get; }

    public string OtherCaPem { get; }

    public string ClientPfx { get; }

    /// <summary>The client certificate and its private key in one PEM file.</summary>
    public string ClientPem { get; }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-2), now.AddDays(60));
    }

    private static X509Certificate2 CreateServer(X509Certificate2 ca, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 CreateClient(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=switchboard-hub", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
