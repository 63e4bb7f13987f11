using System.Text;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Reads CRLF (or LF) terminated lines from a stream into a fixed buffer. A line longer than the limit
/// is consumed to its end without being kept and reported as too long, so memory stays bounded whatever
/// the peer sends.
/// </summary>
internal sealed class AmiLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[Math.Max(maxLineBytes + 2, 4096)];
    private int _start;
    private int _end;

    /// <summary>The next line without its terminator; <see cref="AmiLine.TooLong"/> for an oversize line; <see cref="AmiLine.EndOfStream"/> at the end.</summary>
    public async ValueTask<AmiLine> ReadLineAsync(CancellationToken cancellationToken)
    {
        var discarding = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                var text = discarding ? null : Decode(_start, length);
                _start = newline + 1;
                return discarding ? AmiLine.TooLong : new AmiLine(text);
            }

            if (discarding || _end - _start > maxLineBytes)
            {
                // Past the limit: drop what is buffered and keep reading until the line ends.
                discarding = true;
                _start = _end = 0;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return AmiLine.EndOfStream;
            }

            _end += read;
        }
    }

    private string Decode(int start, int length)
    {
        if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
        {
            length--;
        }

        return Encoding.UTF8.GetString(_buffer, start, length);
    }
}

internal readonly record struct AmiLine(string? Text, bool IsTooLong = false, bool IsEnd = false)
{
    public static readonly AmiLine TooLong = new(null, IsTooLong: true);
    public static readonly AmiLine EndOfStream = new(null, IsEnd: true);
}
