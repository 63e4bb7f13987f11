using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Switchboard.Configuration;

namespace Switchboard.Server.Hosting;

public static class KestrelSetup
{
    /// <summary>HTTPS only, on the configured address and port, with the configured certificate or the development one, and body limits.</summary>
    public static IWebHostBuilder ConfigureHubKestrel(this IWebHostBuilder webHost, ServerSettings server, string dataDirectory)
    {
        var certificate = LoadCertificate(server, dataDirectory);
        var address = server.Address;
        return webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = server.Limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Listen(address, server.HttpsPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
            }));
        });
    }

    private static X509Certificate2 LoadCertificate(ServerSettings server, string dataDirectory)
    {
        if (server.Certificate is { } configured)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(configured.Path, configured.Password?.Resolve());
        }

        return DevelopmentCertificate.LoadOrCreate(dataDirectory, TimeProvider.System).Certificate;
    }
}
