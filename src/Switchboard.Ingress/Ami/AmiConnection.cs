using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// One TCP session with an Asterisk manager interface. A reader loop drains the socket all the time
/// (Asterisk drops a client whose socket stays full past its writetimeout, 100 ms by default), hands
/// responses to the action waiting for their ActionID and queues events for <see cref="Events"/>.
/// </summary>
public sealed class AmiConnection : IAsyncDisposable
{
    public const string BannerPrefix = "Asterisk Call Manager/";

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly AmiConnectionOptions _options;
    private readonly AmiMessageReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AmiMessage>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<AmiMessage> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private long _nextActionId;
    private int _disposed;

    private AmiConnection(TcpClient client, AmiLineReader lines, string banner, AmiConnectionOptions options)
    {
        _client = client;
        _stream = client.GetStream();
        _options = options;
        _reader = new AmiMessageReader(lines, options.MaxMessageBytes);
        Banner = banner;
        _events = Channel.CreateBounded<AmiMessage>(new BoundedChannelOptions(options.EventBufferCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The greeting, e.g. <c>Asterisk Call Manager/11.0.0</c>.</summary>
    public string Banner { get; }

    /// <summary>Every event in arrival order. Completes when the connection closes (with the error, if one closed it).</summary>
    public ChannelReader<AmiMessage> Events => _events.Reader;

    /// <summary>Completes when the session is over.</summary>
    public Task Completion => _readLoop;

    /// <summary>Connects and reads the banner; throws <see cref="AmiProtocolException"/> when the peer is not an AMI server.</summary>
    public static async Task<AmiConnection> ConnectAsync(string host, int port, AmiConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            try
            {
                await client.ConnectAsync(host, port, timeout.Token);
                var lines = new AmiLineReader(client.GetStream(), options.MaxLineBytes);
                var banner = await lines.ReadLineAsync(timeout.Token);
                if (banner.Text is not { } text || !text.StartsWith(BannerPrefix, StringComparison.Ordinal))
                {
                    throw new AmiProtocolException(
                        $"{host}:{port} is not an Asterisk manager interface: it did not greet with '{BannerPrefix}x.y.z'.");
                }

                return new AmiConnection(client, lines, text, options);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No AMI banner from {host}:{port} within {options.ConnectTimeout.TotalSeconds:0.#} s.");
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends the action and returns its Response, whatever it says.</summary>
    public async Task<AmiMessage> SendAsync(AmiAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_readLoop.IsCompleted)
        {
            throw new IOException("The AMI connection is closed.");
        }

        var id = "sb-" + Interlocked.Increment(ref _nextActionId).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<AmiMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(action.ToWireText(id));
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await _stream.WriteAsync(bytes, cancellationToken);
            }
            finally
            {
                _writeLock.Release();
            }

            try
            {
                return await reply.Task.WaitAsync(_options.ResponseTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No AMI response to {action.Name} within {_options.ResponseTimeout.TotalSeconds:0.#} s.");
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends the action and returns its Response; throws <see cref="AmiActionException"/> with Asterisk's message when it is not a success.</summary>
    public async Task<AmiMessage> SendCheckedAsync(AmiAction action, CancellationToken cancellationToken)
    {
        var response = await SendAsync(action, cancellationToken);
        return response.IsSuccess ? response : throw new AmiActionException(action.Name, response.Message);
    }

    /// <summary>Logs in and turns events on (<paramref name="events"/> is the event mask, e.g. <c>on</c> or <c>call,agent</c>).</summary>
    public Task<AmiMessage> LoginAsync(string username, string secret, string events, CancellationToken cancellationToken) =>
        SendCheckedAsync(new AmiAction("Login").Add("Username", username).Add("Secret", secret).Add("Events", events), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _client.Dispose();
        try
        {
            await _readLoop;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The session is being closed on purpose; how the read ended does not matter.
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_stop.Token);
                if (result.IsEnd)
                {
                    break;
                }

                if (result.RejectedReason is { } reason)
                {
                    _options.MessageRejected?.Invoke(reason);
                    continue;
                }

                var message = result.Message!;
                if (message.IsResponse)
                {
                    if (message.ActionId is { } id && _pending.TryGetValue(id, out var waiting))
                    {
                        waiting.TrySetResult(message);
                    }

                    continue;
                }

                await _events.Writer.WriteAsync(message, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            failure = _stop.IsCancellationRequested ? null : ex;
        }
        finally
        {
            var closed = new IOException("The AMI connection closed.", failure);
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(closed);
            }

            _events.Writer.TryComplete(failure is null ? null : closed);
        }
    }
}
