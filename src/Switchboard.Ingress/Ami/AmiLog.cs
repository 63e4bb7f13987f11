using Microsoft.Extensions.Logging;

namespace Switchboard.Ingress.Ami;

/// <summary>Log messages of the AMI adapter, event ids 4100–4199. Secrets are never among the arguments.</summary>
internal static partial class AmiLog
{
    [LoggerMessage(4100, LogLevel.Information, "AMI {System}: connected to {Address} ({Banner}) and logged in as {Username}")]
    public static partial void Connected(ILogger logger, string system, string address, string banner, string username);

    [LoggerMessage(4101, LogLevel.Warning, "AMI {System}: the session with {Address} closed; reconnecting")]
    public static partial void Disconnected(ILogger logger, string system, string address);

    [LoggerMessage(4102, LogLevel.Warning, "AMI {System}: session with {Address} failed: {Reason}")]
    public static partial void SessionFailed(ILogger logger, string system, string address, string reason);

    [LoggerMessage(4103, LogLevel.Error, "AMI {System}: login as {Username} at {Address} was refused: {Reason}. Check the AMI user and its secret in manager.conf")]
    public static partial void LoginRefused(ILogger logger, string system, string username, string address, string reason);

    [LoggerMessage(4104, LogLevel.Information, "AMI {System}: reconnecting in {DelayMs} ms (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, string system, long delayMs, int attempt);

    [LoggerMessage(4105, LogLevel.Warning, "AMI {System}: skipped a message from Asterisk ({Reason})")]
    public static partial void MessageRejected(ILogger logger, string system, string reason);

    [LoggerMessage(4106, LogLevel.Warning, "AMI {System}: event {EventId} ({Type}) is invalid and was not ingested: {Errors}")]
    public static partial void InvalidEvent(ILogger logger, string system, string eventId, string type, string errors);

    [LoggerMessage(4107, LogLevel.Warning, "AMI {System}: could not hand {Count} events to the journal (attempt {Attempt}); retrying")]
    public static partial void IngestFailed(ILogger logger, Exception exception, string system, int count, int attempt);

    [LoggerMessage(4108, LogLevel.Warning, "AMI {System}: QueueStatus resync failed: {Reason}")]
    public static partial void ResyncFailed(ILogger logger, string system, string reason);

    [LoggerMessage(4109, LogLevel.Information, "AMI {System}: started for {Address} (mode {Mode})")]
    public static partial void Started(ILogger logger, string system, string address, string mode);

    [LoggerMessage(4110, LogLevel.Information, "AMI {System}: stopped")]
    public static partial void Stopped(ILogger logger, string system);

    [LoggerMessage(4111, LogLevel.Error, "AMI {System}: unexpected failure in the session loop")]
    public static partial void Unexpected(ILogger logger, Exception exception, string system);

    [LoggerMessage(4112, LogLevel.Information, "AMI {System}: {Action} for agent {AgentId} answered {Response}")]
    public static partial void ActionSent(ILogger logger, string system, string action, string agentId, string response);

    [LoggerMessage(4113, LogLevel.Error, "AMI: applying the configuration of the AMI systems failed")]
    public static partial void ApplyFailed(ILogger logger, Exception exception);
}
