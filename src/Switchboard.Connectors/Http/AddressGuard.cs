using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Switchboard.Connectors.Http;

/// <summary>
/// The transport's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and
/// refuses private, loopback, link-local, unique-local and CGNAT addresses unless the system allows
/// them. The check runs on the address actually connected to, after DNS resolution, so a name that
/// resolves to a private address (DNS rebinding) is refused as well. Failures carry a reason a user
/// can act on ("connection refused by 127.0.0.1:5999").
/// </summary>
internal sealed class AddressGuard(string system, bool allowPrivateNetworks, ILogger logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, cancellationToken);
        string? refusal = null;
        ConnectFailureException? failure = null;
        foreach (var address in addresses)
        {
            if (!allowPrivateNetworks && IsPrivate(address))
            {
                var shown = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                refusal ??= $"{shown} is a private address; set allowPrivateNetworks: true for {system} to allow it";
                HttpTransportLog.AddressRefused(logger, system, shown.ToString(), "private address");
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure ??= new ConnectFailureException(Describe(ex.SocketErrorCode, new IPEndPoint(address, port)), isSafetyRefusal: false, ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // A reachable-but-failing public address says more than a refused private one.
        throw failure ?? new ConnectFailureException(refusal ?? $"the host name {host} has no address", isSafetyRefusal: refusal is not null);
    }

    /// <summary>Loopback, private (RFC 1918), CGNAT, link-local, unique-local, unspecified, multicast and reserved addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,      // 100.64.0.0/10, carrier-grade NAT
                169 => b[1] == 254,                   // link-local
                172 => b[1] is >= 16 and <= 31,
                192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
                198 => b[1] is 18 or 19,              // benchmarking
                >= 224 => true,                       // multicast, reserved, broadcast
                _ => false,
            };
        }

        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
    }

    private static async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new ConnectFailureException($"the host name {host} could not be resolved ({ex.SocketErrorCode})", isSafetyRefusal: false, ex);
        }
    }

    private static string Describe(SocketError error, IPEndPoint endpoint) => error switch
    {
        SocketError.ConnectionRefused => $"connection refused by {endpoint}",
        SocketError.TimedOut => $"connecting to {endpoint} timed out",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => $"{endpoint} is unreachable ({error})",
        _ => $"could not connect to {endpoint} ({error})",
    };
}
