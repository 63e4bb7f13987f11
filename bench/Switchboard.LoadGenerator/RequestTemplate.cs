using System.Security.Cryptography;
using System.Text;

namespace Switchboard.LoadGenerator;

/// <summary>
/// The raw HTTP/1.1 request sent again and again, built once. When fields must be unique (event ids,
/// so a server that drops duplicates does real work for every request), each of their JSON string
/// values gets <c>-RUN-0000000000</c> appended in the template: RUN is random per process, and the
/// fixed-width counter is overwritten in place before each send. The length never changes, so
/// Content-Length stays right and a request costs a few byte writes, not a new buffer.
/// </summary>
internal sealed class RequestTemplate
{
    private const int CounterWidth = 10;
    private readonly int[] _counterOffsets;
    private long _counter;

    private RequestTemplate(byte[] bytes, int[] counterOffsets)
    {
        Bytes = bytes;
        _counterOffsets = counterOffsets;
    }

    /// <summary>The request with zeros where the counters go; copy it per connection before stamping.</summary>
    public byte[] Bytes { get; }

    public bool IsUnique => _counterOffsets.Length > 0;

    public static RequestTemplate Build(LoadOptions options, byte[] body)
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var (uniqueBody, bodyOffsets) = Splice(body, options.UniqueFields, Encoding.ASCII.GetBytes($"-{run}-{new string('0', CounterWidth)}"));

        var head = new StringBuilder()
            .Append(options.Method).Append(' ').Append(options.Url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(options.Url.Authority).Append("\r\n");
        foreach (var header in options.Headers)
        {
            head.Append(header).Append("\r\n");
        }

        if (uniqueBody.Length > 0 || options.Method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Type: ").Append(options.ContentType).Append("\r\n")
                .Append("Content-Length: ").Append(uniqueBody.Length).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var request = new byte[headBytes.Length + uniqueBody.Length];
        headBytes.CopyTo(request, 0);
        uniqueBody.CopyTo(request, headBytes.Length);
        var offsets = bodyOffsets.Select(offset => offset + headBytes.Length).ToArray();
        return new RequestTemplate(request, offsets);
    }

    /// <summary>Writes the next counter value into every unique field of <paramref name="request"/> (a copy of <see cref="Bytes"/>).</summary>
    public void Stamp(byte[] request)
    {
        if (_counterOffsets.Length == 0)
        {
            return;
        }

        var value = Interlocked.Increment(ref _counter);
        foreach (var offset in _counterOffsets)
        {
            var digits = request.AsSpan(offset, CounterWidth);
            var rest = value;
            for (var i = CounterWidth - 1; i >= 0; i--)
            {
                digits[i] = (byte)('0' + (rest % 10));
                rest /= 10;
            }
        }
    }

    /// <summary>Inserts <paramref name="suffix"/> at the end of each named string value; returns the new body and where each counter starts.</summary>
    private static (byte[] Body, int[] CounterOffsets) Splice(byte[] body, IReadOnlyList<string> fields, byte[] suffix)
    {
        if (fields.Count == 0)
        {
            return (body, []);
        }

        var ends = fields.Select(field => ValueEnd(body, field)).Distinct().Order().ToArray();
        var result = new byte[body.Length + (ends.Length * suffix.Length)];
        var offsets = new int[ends.Length];
        var read = 0;
        var written = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            body.AsSpan(read, ends[i] - read).CopyTo(result.AsSpan(written));
            written += ends[i] - read;
            read = ends[i];
            suffix.CopyTo(result, written);
            written += suffix.Length;
            offsets[i] = written - CounterWidth;
        }

        body.AsSpan(read).CopyTo(result.AsSpan(written));
        return (result, offsets);
    }

    /// <summary>The index of the closing quote of the string value of <c>"field": "..."</c>.</summary>
    private static int ValueEnd(byte[] body, string field)
    {
        var name = Encoding.UTF8.GetBytes($"\"{field}\"");
        var span = body.AsSpan();
        var start = 0;
        while (true)
        {
            var at = span[start..].IndexOf(name);
            if (at < 0)
            {
                throw new FormatException($"--unique-field {field}: the body has no string field \"{field}\"");
            }

            var i = start + at + name.Length;
            i = SkipSpace(span, i);
            if (i < span.Length && span[i] == (byte)':')
            {
                i = SkipSpace(span, i + 1);
                if (i >= span.Length || span[i] != (byte)'"')
                {
                    throw new FormatException($"--unique-field {field}: its value is not a JSON string");
                }

                var end = span[(i + 1)..].IndexOfAny((byte)'"', (byte)'\\');
                if (end < 0 || span[i + 1 + end] == (byte)'\\')
                {
                    throw new FormatException($"--unique-field {field}: its value is unterminated or holds an escape");
                }

                return i + 1 + end;
            }

            // The name appeared as a value, not a key: look further.
            start += at + name.Length;
        }
    }

    private static int SkipSpace(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
