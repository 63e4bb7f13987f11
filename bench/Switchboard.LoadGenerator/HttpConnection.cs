using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Switchboard.LoadGenerator;

/// <summary>
/// One keep-alive HTTP/1.1 connection with one request in flight at a time (no pipelining).
/// A raw socket keeps the client's own cost far below HttpClient's, so on a 2-core machine the
/// generator leaves the server most of the CPU. Reads Content-Length, chunked and close-delimited
/// bodies; reconnects after `Connection: close` or any error. With TLS options the socket is wrapped
/// in an <see cref="SslStream"/>, and every read and write goes through it.
/// </summary>
internal sealed class HttpConnection : IAsyncDisposable
{
    private readonly EndPoint _endPoint;
    private readonly SslClientAuthenticationOptions? _tls;
    private byte[] _buffer = new byte[16 * 1024];
    private Socket? _socket;
    private SslStream? _ssl;
    private int _start;
    private int _end;

    public HttpConnection(EndPoint endPoint, SslClientAuthenticationOptions? tls)
    {
        _endPoint = endPoint;
        _tls = tls;
    }

    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_endPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        if (_tls is not null)
        {
            var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
            _ssl = ssl;
            try
            {
                await ssl.AuthenticateAsClientAsync(_tls, cancellationToken);
            }
            catch
            {
                Close();
                throw;
            }
        }
    }

    /// <summary>Sends the request and reads the whole response; returns its status code.</summary>
    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            await ConnectAsync(cancellationToken);
        }

        try
        {
            if (_ssl is not null)
            {
                await _ssl.WriteAsync(request, cancellationToken);
            }
            else
            {
                var socket = _socket!;
                while (!request.IsEmpty)
                {
                    var sent = await socket.SendAsync(request, SocketFlags.None, cancellationToken);
                    request = request[sent..];
                }
            }

            return await ReadResponseAsync(cancellationToken);
        }
        catch
        {
            // After a timeout or a broken response the stream position is unknown: start afresh.
            Close();
            throw;
        }
    }

    private async ValueTask<int> ReadResponseAsync(CancellationToken cancellationToken)
    {
        int status;
        ResponseHead head;
        while (true)
        {
            head = await ReadHeadAsync(cancellationToken);
            status = head.Status;
            if (status is < 100 or >= 200)
            {
                break;
            }
        }

        if (status is not (204 or 304))
        {
            if (head.Chunked)
            {
                await SkipChunkedBodyAsync(cancellationToken);
            }
            else if (head.ContentLength is long length)
            {
                await SkipAsync(length, cancellationToken);
            }
            else
            {
                // Neither length nor chunked: the body runs until the server closes.
                while (await FillAsync(cancellationToken))
                {
                    _start = _end;
                }

                Close();
                return status;
            }
        }

        if (head.Close)
        {
            Close();
        }

        return status;
    }

    private async ValueTask<ResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var headLength = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (headLength >= 0)
            {
                var head = ResponseHead.Parse(_buffer.AsSpan(_start, headLength));
                _start += headLength + 4;
                return head;
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new IOException("the server closed the connection before a full response head");
            }
        }
    }

    private async ValueTask SkipChunkedBodyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            var extension = line.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (extension >= 0 ? line[..extension] : line).Trim();
            var size = long.Parse(sizeText, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                }

                return;
            }

            await SkipAsync(size + 2, cancellationToken);
        }
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lineLength = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (lineLength >= 0)
            {
                var line = System.Text.Encoding.ASCII.GetString(_buffer, _start, lineLength);
                _start += lineLength + 2;
                return line;
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new IOException("the server closed the connection inside a chunked body");
            }
        }
    }

    private async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffered = _end - _start;
            if (buffered >= count)
            {
                _start += (int)count;
                return;
            }

            count -= buffered;
            _start = _end;
            if (!await FillAsync(cancellationToken))
            {
                throw new IOException("the server closed the connection inside a response body");
            }
        }
    }

    /// <summary>Reads more bytes after the buffered ones; false when the server closed.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start == 0)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
        }

        var read = _ssl is not null
            ? await _ssl.ReadAsync(_buffer.AsMemory(_end), cancellationToken)
            : await _socket!.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += read;
        return read > 0;
    }

    private void Close()
    {
        _ssl?.Dispose();
        _ssl = null;
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
