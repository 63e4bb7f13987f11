using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// The hosts a system's requests may go to: <c>allowedHosts</c> (<c>*.example.com</c> allows
/// subdomains), or the address's host when none are declared; plus the OAuth token endpoint's host.
/// </summary>
internal sealed class HostAllowList
{
    private readonly string _system;
    private readonly List<string> _allowed;
    private readonly string? _tokenHost;

    public HostAllowList(SystemDefinition system, Uri? tokenUrl)
    {
        _system = system.Name;
        _allowed = system.AllowedHosts.Count > 0
            ? [.. system.AllowedHosts]
            : system.AddressUri is { } address ? [address.IdnHost] : [];
        _tokenHost = tokenUrl?.IdnHost;
    }

    /// <summary>Null when <paramref name="uri"/> may be called; otherwise why not.</summary>
    public string? Refusal(Uri uri, RequestRedactor redactor)
    {
        var host = uri.IdnHost;
        if (_allowed.Any(allowed => Matches(allowed, host)) || (_tokenHost is not null && Matches(_tokenHost, host)))
        {
            return null;
        }

        var allowed = _allowed.Count == 0 ? "none" : string.Join(", ", _allowed);
        return $"{redactor.Uri(uri)} is not an allowed host for {_system} (allowed: {allowed})";
    }

    private static bool Matches(string allowed, string host)
    {
        allowed = allowed.Trim('[', ']');
        host = host.Trim('[', ']');
        return allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase);
    }
}
