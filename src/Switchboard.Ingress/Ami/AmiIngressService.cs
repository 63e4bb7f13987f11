using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Keeps one Asterisk connected: connects, logs in, turns its events into ContactCenterEvents with the
/// <see cref="AmiCallTracker"/>, validates them and hands them to the journal. When the session drops or
/// the login fails it reconnects with exponential backoff and jitter; the tracker (open calls, agent
/// states) lives on, and the deterministic event ids let the journal drop what a new session repeats.
/// </summary>
public sealed partial class AmiIngressService : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly SystemDefinition _system;
    private readonly AmiSettings _settings;
    private readonly IEventIngest _ingest;
    private readonly IngressMetrics _metrics;
    private readonly ContactCenterEventValidator _validator;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly AmiConnectionOptions _connectionOptions;
    private readonly string _address;
    private AmiConnection? _connection;
    private int _sessions;

    public AmiIngressService(
        SystemDefinition system,
        AmiCallTracker tracker,
        IEventIngest ingest,
        IngressMetrics metrics,
        ContactCenterEventValidator validator,
        TimeProvider clock,
        ILogger<AmiIngressService> logger,
        AmiConnectionOptions? connectionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (system.Protocol != SystemProtocol.Ami || system.AddressUri is null)
        {
            throw new ArgumentException($"System '{system.Name}' is not an ami system with a tcp://host:port address.", nameof(system));
        }

        _system = system;
        _settings = system.Ami ?? new AmiSettings();
        Tracker = tracker;
        _ingest = ingest;
        _metrics = metrics;
        _validator = validator;
        _clock = clock;
        _logger = logger;
        _address = $"{system.AddressUri.Host}:{system.AddressUri.Port}";
        _connectionOptions = (connectionOptions ?? new AmiConnectionOptions()) with { MessageRejected = OnMessageRejected };
    }

    public SystemDefinition Definition => _system;

    public AmiCallTracker Tracker { get; }

    /// <summary><c>ami:{system}</c>, as counted in <see cref="IngressMetrics"/>.</summary>
    public string Ingress => Tracker.Source;

    public bool IsConnected => Volatile.Read(ref _connection) is not null;

    /// <summary>How many sessions logged in so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Why the last session failed or closed, for status pages; null before any failure.</summary>
    public string? LastError { get; private set; }

    /// <summary>Sends an action on the live session; throws <see cref="ContactCenterActionException"/> when not connected or refused.</summary>
    public async Task<AmiMessage> SendActionAsync(AmiAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var connection = Connection();
        try
        {
            return await connection.SendCheckedAsync(action, cancellationToken);
        }
        catch (AmiActionException ex)
        {
            throw new ContactCenterActionException($"Asterisk '{_system.Name}' refused {action.Name}: {ex.AsteriskMessage ?? "no reason given"}", ex);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or ObjectDisposedException)
        {
            throw new ContactCenterActionException($"Asterisk '{_system.Name}' did not answer {action.Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Click-to-dial: rings the agent's interface, then dials <paramref name="number"/> in the configured context.</summary>
    public async Task<PlacedCall> PlaceCallAsync(string agentId, string number, CancellationToken cancellationToken)
    {
        var dialled = DialString().Replace(number ?? string.Empty, string.Empty);
        if (!DiallableNumber().IsMatch(dialled))
        {
            throw new ContactCenterActionException($"'{number}' is not a number Asterisk can dial (digits, optionally a leading +, * and #).");
        }

        var channelId = "sb-" + Guid.CreateVersion7().ToString("N");
        var action = AmiActions.Originate(new AmiOriginate
        {
            Channel = InterfaceOf(agentId),
            Context = _settings.OriginateContext,
            Exten = dialled,
            CallerId = dialled,
            ChannelId = channelId,
            Variables = new Dictionary<string, string> { ["HUB_AGENT_ID"] = agentId },
        });
        // Expected before it is sent: the agent's channel may appear before the action's response.
        Tracker.ExpectOriginated(channelId, agentId, number!, _clock.GetUtcNow());
        AmiMessage response;
        try
        {
            response = await SendActionAsync(action, cancellationToken);
        }
        catch
        {
            Tracker.ForgetOriginated(channelId);
            throw;
        }

        AmiLog.ActionSent(_logger, _system.Name, action.Name, agentId, response.Message ?? response.Response ?? "Success");
        return new PlacedCall(_system.Name, channelId);
    }

    public async Task SetAgentPausedAsync(string agentId, bool paused, string? reason, string? queue, CancellationToken cancellationToken)
    {
        var action = AmiActions.QueuePause(InterfaceOf(agentId), paused, queue, paused ? reason : null);
        var response = await SendActionAsync(action, cancellationToken);
        AmiLog.ActionSent(_logger, _system.Name, action.Name, agentId, response.Message ?? response.Response ?? "Success");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AmiLog.Started(_logger, _system.Name, _address, _system.Mode.ToString());
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(() => attempt = 0, stoppingToken);
                LastError = "the session closed";
                AmiLog.Disconnected(_logger, _system.Name, _address);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (AmiActionException ex) when (ex.Action == "Login")
            {
                LastError = ex.Message;
                AmiLog.LoginRefused(_logger, _system.Name, _system.Auth.Username ?? string.Empty, _address, ex.AsteriskMessage ?? "no reason given");
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                LastError = ex.Message;
                AmiLog.SessionFailed(_logger, _system.Name, _address, ex.Message);
            }
            catch (Exception ex)
            {
                // A bug must not end ingestion for good: log it loudly and start a new session.
                LastError = ex.Message;
                AmiLog.Unexpected(_logger, ex, _system.Name);
            }

            var delay = AmiBackoff.Delay(attempt++, _settings.ReconnectMin, _settings.ReconnectMax, Random.Shared.NextDouble());
            AmiLog.Reconnecting(_logger, _system.Name, (long)delay.TotalMilliseconds, attempt);
            try
            {
                await Task.Delay(delay, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        AmiLog.Stopped(_logger, _system.Name);
    }

    private async Task RunSessionAsync(Action loggedIn, CancellationToken cancellationToken)
    {
        var username = _system.Auth.Username ?? throw new InvalidOperationException($"System '{_system.Name}' has no auth.username.");
        var password = _system.Auth.Password ?? throw new InvalidOperationException($"System '{_system.Name}' has no auth.password.");
        await using var connection = await AmiConnection.ConnectAsync(_system.AddressUri!.Host, _system.AddressUri.Port, _connectionOptions, cancellationToken);
        await connection.LoginAsync(username, password.Resolve(), "on", cancellationToken);
        loggedIn();
        Interlocked.Increment(ref _sessions);
        AmiLog.Connected(_logger, _system.Name, _address, connection.Banner, username);
        Volatile.Write(ref _connection, connection);
        try
        {
            if (_settings.ResyncOnConnect)
            {
                await ResyncAsync(connection, cancellationToken);
            }

            var events = connection.Events;
            var batch = new List<ContactCenterEvent>();
            while (await events.WaitToReadAsync(cancellationToken))
            {
                while (batch.Count < MaxBatch && events.TryRead(out var message))
                {
                    batch.AddRange(Tracker.Process(message, _clock.GetUtcNow()));
                }

                if (batch.Count > 0)
                {
                    await DeliverAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
        }
        finally
        {
            Volatile.Write(ref _connection, null);
        }
    }

    private async Task ResyncAsync(AmiConnection connection, CancellationToken cancellationToken)
    {
        // The QueueMember replies arrive as events and go through the tracker like any other.
        try
        {
            await connection.SendCheckedAsync(AmiActions.QueueStatus(), cancellationToken);
        }
        catch (Exception ex) when (ex is AmiActionException or TimeoutException)
        {
            AmiLog.ResyncFailed(_logger, _system.Name, ex.Message);
        }
    }

    private async Task DeliverAsync(List<ContactCenterEvent> batch, CancellationToken cancellationToken)
    {
        var valid = new List<ContactCenterEvent>(batch.Count);
        foreach (var e in batch)
        {
            var errors = _validator.Validate(e);
            if (errors.Count == 0)
            {
                valid.Add(e);
                continue;
            }

            _metrics.Rejected(Ingress, "invalid");
            AmiLog.InvalidEvent(_logger, _system.Name, e.EventId, e.Type, string.Join("; ", errors.Select(error => $"{error.Field} {error.Value} {error.Reason}")));
        }

        if (valid.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcomes = await _ingest.IngestAsync(valid, cancellationToken);
                var duplicates = outcomes.Count(outcome => outcome == IngestOutcome.Duplicate);
                _metrics.Accepted(Ingress, outcomes.Count - duplicates);
                _metrics.Duplicate(Ingress, duplicates);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The tracker has moved on: these events must reach the journal, so keep trying (the socket is still drained meanwhile).
                AmiLog.IngestFailed(_logger, ex, _system.Name, valid.Count, attempt);
                await Task.Delay(AmiBackoff.Delay(attempt, _settings.ReconnectMin, _settings.ReconnectMax, Random.Shared.NextDouble()), _clock, cancellationToken);
            }
        }
    }

    private AmiConnection Connection() =>
        Volatile.Read(ref _connection)
        ?? throw new ContactCenterActionException($"Asterisk '{_system.Name}' is not connected ({LastError ?? "connecting"}); try again shortly.");

    private string InterfaceOf(string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        Connection();
        if (_settings.AgentIdFrom == AmiAgentIdSource.Interface && agentId.Contains('/', StringComparison.Ordinal))
        {
            return agentId;
        }

        return Tracker.FindInterface(agentId)
            ?? throw new ContactCenterActionException($"Agent '{agentId}' is not known on Asterisk '{_system.Name}' yet: no queue event has named it.");
    }

    private void OnMessageRejected(string reason)
    {
        _metrics.Rejected(Ingress, reason);
        AmiLog.MessageRejected(_logger, _system.Name, reason);
    }

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex DialString();

    [GeneratedRegex(@"^\+?[0-9*#]{1,32}$")]
    private static partial Regex DiallableNumber();
}
