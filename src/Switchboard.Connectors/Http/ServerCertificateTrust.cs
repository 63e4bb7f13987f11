using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Switchboard.Connectors.Http;

/// <summary>
/// Decides whether a server certificate is trusted: by the system's own CA bundle only when
/// <c>tls.caCertificate</c> is set, by anything when <c>insecureSkipVerify</c> is set, and by the
/// machine's roots otherwise. Remembers why it refused a host, because the TLS stack reports only
/// "rejected by the validation callback".
/// </summary>
internal sealed class ServerCertificateTrust(string system, X509Certificate2Collection? customRoots, bool insecureSkipVerify, ILogger logger)
{
    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the last certificate of <paramref name="host"/> was refused, if it was; forgets it.</summary>
    public string? TakeRefusal(string host) => _refusals.TryRemove(host, out var reason) ? reason : null;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (insecureSkipVerify)
        {
            return true;
        }

        var host = (sender as SslStream)?.TargetHostName ?? "the server";
        var reason = Check(host, certificate, presented, errors);
        if (reason is null)
        {
            _refusals.TryRemove(host, out _);
            return true;
        }

        _refusals[host] = reason;
        HttpTransportLog.CertificateRefused(logger, system, host, reason);
        return false;
    }

    private string? Check(string host, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return $"{host} presented no server certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the server certificate of {host} is issued to {certificate.Subject}, not to {host}";
        }

        if (customRoots is null)
        {
            return errors == SslPolicyErrors.None
                ? null
                : $"the server certificate of {host} is not trusted ({ChainStatus(presented)}); set tls.caCertificate for {system} to its CA bundle";
        }

        // Only the configured bundle counts: the machine's roots are ignored for this system.
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(customRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf)
            ? null
            : $"the server certificate of {host} is not issued by a CA in tls.caCertificate ({ChainStatus(chain)})";
    }

    private static string ChainStatus(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
        return statuses is { Count: > 0 } ? string.Join(", ", statuses) : "chain errors";
    }
}
