using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace Switchboard.LoadGenerator;

/// <summary>
/// TLS for https:// targets: TLS 1.2 or 1.3, ALPN http/1.1 (the generator speaks HTTP/1.1 only).
/// Benchmarks run servers on loopback with self-signed certificates, so on a loopback address any
/// certificate is accepted; any other host must present one that validates.
/// </summary>
internal static class TlsSettings
{
    public static SslClientAuthenticationOptions? For(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var host = url.IdnHost;
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        return new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, _, _, errors) => loopback || errors == SslPolicyErrors.None,
        };
    }
}
