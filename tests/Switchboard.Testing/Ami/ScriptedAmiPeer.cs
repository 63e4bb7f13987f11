using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Ingress.Ami;

namespace Switchboard.Testing.Ami;

/// <summary>
/// A scripted Asterisk manager interface on 127.0.0.1: greets with the AMI banner, answers Login (and
/// every other action, by ActionID), and plays an <see cref="AmiScript"/>: connection n plays session n
/// (the last one again when there are no more), and after answering an action the script's reaction to it
/// (<c>@on</c>). Timestamps are moved to the present by a whole number of seconds, the same for every
/// session, so a replayed block keeps its identity.
/// </summary>
public sealed partial class ScriptedAmiPeer : IAsyncDisposable
{
    public const string Banner = "Asterisk Call Manager/11.0.0";

    private readonly AmiScript _script;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private readonly long _shiftSeconds;
    private int _connections;

    public ScriptedAmiPeer(AmiScript script, string username = "hub", string secret = "s3cret", bool shiftTimestamps = true)
    {
        _script = script;
        Username = username;
        Secret = secret;
        var first = script.Sessions.SelectMany(s => s).Select(step => TimestampPattern().Match(step.Text)).FirstOrDefault(m => m.Success);
        _shiftSeconds = shiftTimestamps && first is not null
            ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60 - long.Parse(first.Groups["seconds"].Value, CultureInfo.InvariantCulture)
            : 0;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Username { get; }

    public string Secret { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"tcp://127.0.0.1:{Port}";

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every action received, in order (Login included).</summary>
    public ConcurrentQueue<AmiMessage> Actions { get; } = new();

    /// <summary>When each Login arrived.</summary>
    public ConcurrentQueue<DateTimeOffset> LoginTimes { get; } = new();

    /// <summary>QueueMember blocks answered to QueueStatus.</summary>
    public IReadOnlyList<string> QueueMembers { get; init; } = [];

    /// <summary>How many seconds the script's timestamps were moved by.</summary>
    public long ShiftSeconds => _shiftSeconds;

    public async Task<AmiMessage> WaitForActionAsync(string name, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            if (Actions.FirstOrDefault(a => string.Equals(a["Action"], name, StringComparison.OrdinalIgnoreCase)) is { } action)
            {
                return action;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The peer received no {name} action.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var sessions = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                break;
            }

            _clients.Add(client);
            var index = Math.Min(Interlocked.Increment(ref _connections), _script.Sessions.Count) - 1;
            sessions.Add(Task.Run(() => new Session(this, client, _script.Sessions[index]).RunAsync(_stop.Token)));
        }

        await Task.WhenAll(sessions);
    }

    private string Shift(string block) =>
        _shiftSeconds == 0 ? block : TimestampPattern().Replace(block, m =>
            $"Timestamp: {long.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture) + _shiftSeconds}.{m.Groups["fraction"].Value}");

    [GeneratedRegex(@"^Timestamp: (?<seconds>\d+)\.(?<fraction>\d+)", RegexOptions.Multiline)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"\$\{(?<field>[A-Za-z]+)\}")]
    private static partial Regex FieldPattern();

    /// <summary>One connection: the script on one side, replies to actions on the other.</summary>
    private sealed class Session(ScriptedAmiPeer peer, TcpClient client, IReadOnlyList<AmiScript.Step> steps)
    {
        private readonly NetworkStream _stream = client.GetStream();
        private readonly SemaphoreSlim _write = new(1, 1);
        private readonly TaskCompletionSource<bool> _login = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(CancellationToken stop)
        {
            try
            {
                await WriteAsync(Banner + "\r\n", stop);
                var replies = Task.Run(() => ReplyLoopAsync(stop), stop);
                if (!await PlayAsync(steps, text => text, stop))
                {
                    client.Close();
                    return;
                }

                await replies;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or TimeoutException)
            {
                // The client went away, or the test is over.
            }
            finally
            {
                client.Dispose();
            }
        }

        /// <summary>Plays steps; false when one ends the connection (a refused login, a drop).</summary>
        private async Task<bool> PlayAsync(IEnumerable<AmiScript.Step> steps, Func<string, string> fill, CancellationToken stop)
        {
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case AmiScript.StepKind.Login when !await _login.Task.WaitAsync(TimeSpan.FromSeconds(30), stop):
                    case AmiScript.StepKind.Drop:
                        return false;
                    case AmiScript.StepKind.Block:
                        await WriteAsync(peer.Shift(fill(step.Text)).ReplaceLineEndings("\r\n") + "\r\n\r\n", stop);
                        break;
                    case AmiScript.StepKind.Raw:
                        await WriteAsync(fill(step.Text) + "\r\n", stop);
                        break;
                    case AmiScript.StepKind.Sleep:
                        await Task.Delay(int.Parse(step.Text, CultureInfo.InvariantCulture), stop);
                        break;
                }
            }

            return true;
        }

        private async Task ReplyLoopAsync(CancellationToken stop)
        {
            using var reader = new StreamReader(_stream, Encoding.UTF8, leaveOpen: true);
            var block = new StringBuilder();
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.Length > 0)
                {
                    block.Append(line).Append('\n');
                    continue;
                }

                if (block.Length == 0)
                {
                    continue;
                }

                var action = AmiMessage.Parse(block.ToString());
                block.Clear();
                peer.Actions.Enqueue(action);
                await AnswerAsync(action, stop);
            }

            _login.TrySetResult(false);
        }

        private async Task AnswerAsync(AmiMessage action, CancellationToken stop)
        {
            var name = action["Action"] ?? string.Empty;
            var id = action.ActionId ?? string.Empty;
            if (name.Equals("Login", StringComparison.OrdinalIgnoreCase))
            {
                peer.LoginTimes.Enqueue(DateTimeOffset.UtcNow);
                var accepted = action["Username"] == peer.Username && action["Secret"] == peer.Secret;
                await WriteAsync(accepted
                    ? $"Response: Success\r\nActionID: {id}\r\nMessage: Authentication accepted\r\n\r\n"
                    : $"Response: Error\r\nActionID: {id}\r\nMessage: Authentication failed\r\n\r\n", stop);
                _login.TrySetResult(accepted);
                return;
            }

            var (response, message) = peer._script.Responses.TryGetValue(name, out var scripted)
                ? scripted
                : ("Success", name switch
                {
                    "Originate" => "Originate successfully queued",
                    "QueuePause" => "Interface paused successfully",
                    "QueueStatus" => "Queue status will follow",
                    _ => "OK",
                });
            await WriteAsync($"Response: {response}\r\nActionID: {id}\r\nMessage: {message}\r\n\r\n", stop);
            if (response != "Success")
            {
                return;
            }

            if (name == "QueueStatus")
            {
                foreach (var member in peer.QueueMembers)
                {
                    await WriteAsync(member.ReplaceLineEndings("\r\n").TrimEnd() + $"\r\nActionID: {id}\r\n\r\n", stop);
                }

                await WriteAsync($"Event: QueueStatusComplete\r\nActionID: {id}\r\nEventList: Complete\r\nListItems: {peer.QueueMembers.Count}\r\n\r\n", stop);
            }
            else if (name == "Originate")
            {
                // Async: the result follows as an event carrying the action's ActionID.
                await WriteAsync($"Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: {id}\r\nResponse: Success\r\n" +
                    $"Channel: {action["Channel"]}-00000099;1\r\nContext: {action["Context"]}\r\nExten: {action["Exten"]}\r\nReason: 4\r\n" +
                    $"Uniqueid: {action["ChannelId"]}\r\nCallerIDNum: {action["Exten"]}\r\nCallerIDName: <unknown>\r\n\r\n", stop);
            }

            if (peer._script.Reactions.TryGetValue(name, out var reaction))
            {
                await PlayAsync(reaction, text => FieldPattern().Replace(text, m => action[m.Groups["field"].Value] ?? string.Empty), stop);
            }
        }

        private async Task WriteAsync(string text, CancellationToken stop)
        {
            await _write.WaitAsync(stop);
            try
            {
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(text), stop);
            }
            finally
            {
                _write.Release();
            }
        }
    }
}
