using System.Net;
using System.Net.Sockets;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Amqp;

/// <summary>
/// Checks a broker address before the hub connects: its host must be one of the system's allowed
/// hosts (by default the address's own host), and it must not resolve to a private, loopback or
/// link-local address unless the system allows private networks. Returns the addresses checked, so
/// the connection goes to exactly those (a second DNS answer cannot swap in another address).
/// </summary>
internal static class AmqpAddressGuard
{
    public static async Task<IReadOnlyList<IPAddress>> CheckAsync(SystemDefinition system, Uri address, CancellationToken cancellationToken)
    {
        var host = address.IdnHost;
        if (system.AllowedHosts.Count > 0 && !system.AllowedHosts.Any(allowed => Matches(allowed, host)))
        {
            throw new AmqpConnectException(ConnectorFailureKind.Safety,
                $"the broker host '{host}' is not in allowedHosts ({string.Join(", ", system.AllowedHosts)})");
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new AmqpConnectException(ConnectorFailureKind.Transport,
                    $"the broker host '{host}' cannot be resolved: {ex.Message}", ex);
            }
        }

        if (!system.AllowPrivateNetworks && addresses.FirstOrDefault(IsPrivate) is { } refused)
        {
            throw new AmqpConnectException(ConnectorFailureKind.Safety,
                $"the broker host '{host}' resolves to the private address {refused}; set allowPrivateNetworks: true if that is intended");
        }

        return addresses.Length == 0
            ? throw new AmqpConnectException(ConnectorFailureKind.Transport, $"the broker host '{host}' resolves to no address")
            : addresses;
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0;
    }

    private static bool Matches(string allowed, string host) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase);
}
