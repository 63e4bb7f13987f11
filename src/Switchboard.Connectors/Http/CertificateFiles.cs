using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Connectors.Http;

/// <summary>Loads the certificates a system's TLS settings name; errors name the file, never a password.</summary>
internal static class CertificateFiles
{
    /// <summary>A client certificate with its private key: a PFX/P12 (with an optional password), or a PEM holding the certificate and its key.</summary>
    public static X509Certificate2 LoadClientCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the client certificate {path} does not exist");
        }

        try
        {
            if (!IsPem(path))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.DefaultKeySet);
            }

            using var pem = password is null
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password);

            // A PEM key is ephemeral; a round trip through PKCS#12 gives the TLS stack a usable key on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"the client certificate {path} cannot be loaded ({ex.Message.TrimEnd('.')}); it must be a PFX/P12 with its password, or a PEM with the certificate and its private key", ex);
        }
    }

    /// <summary>Every certificate in a PEM bundle.</summary>
    public static X509Certificate2Collection LoadCaBundle(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the CA bundle {path} (tls.caCertificate) does not exist");
        }

        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException($"the CA bundle {path} (tls.caCertificate) cannot be read as PEM ({ex.Message.TrimEnd('.')})", ex);
        }

        return bundle.Count > 0
            ? bundle
            : throw new InvalidOperationException($"the CA bundle {path} (tls.caCertificate) holds no PEM certificate");
    }

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[64];
        using var file = File.OpenRead(path);
        var read = file.Read(start);
        return System.Text.Encoding.ASCII.GetString(start[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
