using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Ingress.Ami;
using Switchboard.Testing.Ami;

namespace Switchboard.Ingress.Tests.Ami;

public sealed class AmiConnectionTests
{
    private static readonly AmiConnectionOptions Options = new() { ResponseTimeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_peer_that_does_not_greet_as_asterisk_is_refused()
    {
        await using var server = new RawServer("SSH-2.0-OpenSSH_9.2\r\n", _ => null);

        var refused = await Should.ThrowAsync<AmiProtocolException>(
            () => AmiConnection.ConnectAsync("127.0.0.1", server.Port, Options, CancellationToken.None));

        refused.Message.ShouldContain("is not an Asterisk manager interface");
    }

    [Fact]
    public async Task Command_output_is_read_in_the_current_and_the_old_follows_form()
    {
        await using var server = new RawServer(ScriptedAmiPeer.Banner + "\r\n", action => action["Command"] switch
        {
            "new" => $"Response: Success\r\nActionID: {action.ActionId}\r\nMessage: Command output follows\r\nOutput: Name: support\r\nOutput: Calls: 0\r\n\r\n",
            _ => $"Response: Follows\r\nPrivilege: Command\r\nActionID: {action.ActionId}\r\nsupport has 0 calls\r\n\r\n   Members: none\r\n--END COMMAND--\r\n\r\n",
        });
        await using var connection = await AmiConnection.ConnectAsync("127.0.0.1", server.Port, Options, CancellationToken.None);

        var current = await connection.SendCheckedAsync(new AmiAction("Command").Add("Command", "new"), CancellationToken.None);
        var old = await connection.SendCheckedAsync(new AmiAction("Command").Add("Command", "old"), CancellationToken.None);

        connection.Banner.ShouldBe("Asterisk Call Manager/11.0.0");
        current.GetAll("Output").ShouldBe(["Name: support", "Calls: 0"]);
        old.GetAll("Output").ShouldBe(["support has 0 calls", string.Empty, "   Members: none"]);
        old["Privilege"].ShouldBe("Command");
    }

    [Fact]
    public async Task An_event_carrying_an_actions_id_is_an_event_not_its_response()
    {
        // OriginateResponse repeats the ActionID of the Originate; here it even arrives before the Response.
        await using var server = new RawServer(ScriptedAmiPeer.Banner + "\r\n", action =>
            $"Event: OriginateResponse\r\nActionID: {action.ActionId}\r\nResponse: Failure\r\nReason: 0\r\nUniqueid: <unknown>\r\n\r\n" +
            $"Response: Success\r\nActionID: {action.ActionId}\r\nMessage: Originate successfully queued\r\nUnknownKey: kept\r\n\r\n");
        await using var connection = await AmiConnection.ConnectAsync("127.0.0.1", server.Port, Options, CancellationToken.None);

        var response = await connection.SendAsync(new AmiAction("Originate").Add("Channel", "PJSIP/100").Add("Application", "Wait"), CancellationToken.None);
        var result = await connection.Events.ReadAsync();

        response.Message.ShouldBe("Originate successfully queued");
        response["unknownkey"].ShouldBe("kept");
        result.Event.ShouldBe("OriginateResponse");
        result.Response.ShouldBe("Failure");
        result.ActionId.ShouldBe(response.ActionId);
    }

    [Fact]
    public async Task An_error_response_becomes_an_exception_with_asterisks_message()
    {
        await using var server = new RawServer(ScriptedAmiPeer.Banner + "\r\n",
            action => $"Response: Error\r\nActionID: {action.ActionId}\r\nMessage: Originate failed\r\n\r\n");
        await using var connection = await AmiConnection.ConnectAsync("127.0.0.1", server.Port, Options, CancellationToken.None);

        var error = await Should.ThrowAsync<AmiActionException>(
            () => connection.SendCheckedAsync(new AmiAction("Originate").Add("Channel", "PJSIP/100").Add("Application", "Wait"), CancellationToken.None));

        error.Message.ShouldBe("AMI Originate failed: Originate failed");
        error.AsteriskMessage.ShouldBe("Originate failed");
    }

    [Fact]
    public async Task A_closed_connection_fails_the_waiting_action_and_completes_the_events()
    {
        RawServer? server = null;
        server = new RawServer(ScriptedAmiPeer.Banner + "\r\n", _ =>
        {
            server!.CloseClients();
            return null;
        });
        await using var _ = server;
        await using var connection = await AmiConnection.ConnectAsync("127.0.0.1", server.Port, Options, CancellationToken.None);

        await Should.ThrowAsync<IOException>(() => connection.SendAsync(new AmiAction("Ping"), CancellationToken.None));
        await connection.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        (await connection.Events.WaitToReadAsync()).ShouldBeFalse();
    }

    /// <summary>A minimal peer: sends a greeting, then answers each action block with what the handler returns.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly Task _loop;

        public RawServer(string greeting, Func<AmiMessage, string?> answer)
        {
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                try
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }

                    var stream = client.GetStream();
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(greeting));
                    using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
                    var block = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        if (line.Length > 0)
                        {
                            block.Append(line).Append('\n');
                        }
                        else if (block.Length > 0)
                        {
                            var reply = answer(AmiMessage.Parse(block.ToString()));
                            block.Clear();
                            if (reply is not null)
                            {
                                await stream.WriteAsync(Encoding.UTF8.GetBytes(reply));
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
                {
                    // The test closed the connection.
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void CloseClients()
        {
            lock (_clients)
            {
                _clients.ForEach(client => client.Client?.Shutdown(SocketShutdown.Both));
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            CloseClients();
            await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
            lock (_clients)
            {
                _clients.ForEach(client => client.Dispose());
            }
        }
    }
}
