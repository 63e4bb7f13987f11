using System.Globalization;
using System.Text;

namespace Switchboard.LoadGenerator;

/// <summary>The parts of an HTTP/1.1 response head the generator needs to find the next response.</summary>
internal readonly record struct ResponseHead(int Status, long? ContentLength, bool Chunked, bool Close)
{
    public static ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var text = Encoding.ASCII.GetString(head);
        var lines = text.Split("\r\n");
        var statusLine = lines[0];
        // "HTTP/1.1 202 Accepted"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) ||
            !int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"not an HTTP/1.x status line: '{statusLine}'");
        }

        long? contentLength = null;
        var chunked = false;
        var close = statusLine.StartsWith("HTTP/1.0", StringComparison.Ordinal);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close = value.Contains("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        return new ResponseHead(status, contentLength, chunked, close);
    }
}
