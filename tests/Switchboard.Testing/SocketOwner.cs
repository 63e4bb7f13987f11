using System.Globalization;

namespace Switchboard.Testing;

/// <summary>
/// Which of some processes holds the client end of a loopback TCP connection (Linux, from <c>/proc</c>): a receiver
/// that knows the remote port of a request can tell which hub process sent it, and that none of them is alive any more
/// (a request the process sent just before it was killed).
/// </summary>
public static class SocketOwner
{
    /// <summary>
    /// The first of <paramref name="candidates"/> that has the socket whose local port is <paramref name="clientPort"/>
    /// and remote port <paramref name="serverPort"/> open; null when none has (or the connection is already gone).
    /// </summary>
    public static int? Find(int clientPort, int serverPort, IEnumerable<int> candidates)
    {
        var inode = InodeOf(clientPort, serverPort);
        if (inode is null)
        {
            return null;
        }

        var link = $"socket:[{inode}]";
        foreach (var pid in candidates)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget == link)
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process is gone (or its descriptors changed while listed): not the owner.
            }
        }

        return null;
    }

    private static string? InodeOf(int clientPort, int serverPort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && PortOf(fields[1]) == clientPort && PortOf(fields[2]) == serverPort && fields[9] != "0")
                {
                    return fields[9];
                }
            }
        }

        return null;
    }

    private static int PortOf(string address) =>
        int.Parse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
