using System.Buffers;
using System.Text;

namespace Switchboard.Connectors.Http;

/// <summary>Reads a response body as text without ever holding more than the limit.</summary>
internal static class BoundedBody
{
    /// <summary>The body as text (charset from Content-Type, a BOM wins, UTF-8 by default); null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        var length = response.Content.Headers.ContentLength;
        using var buffer = new MemoryStream(length is > 0 ? (int)length.Value : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var encoding = EncodingOfBom(bytes, out var bom) ?? EncodingOf(response);
        return encoding.GetString(bytes[bom..]);
    }

    /// <summary>The encoding a byte order mark at the start says, as a StreamReader would detect it; null without one.</summary>
    internal static Encoding? EncodingOfBom(ReadOnlySpan<byte> bytes, out int length)
    {
        (Encoding? encoding, length) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
            _ => ((Encoding?)null, 0),
        };
        return encoding;
    }

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
