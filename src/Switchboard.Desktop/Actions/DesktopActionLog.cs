using Microsoft.Extensions.Logging;

namespace Switchboard.Desktop.Actions;

/// <summary>Logging of the desktop's actions on other systems (event ids 7620-7639).</summary>
internal static partial class DesktopActionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Desktop {Operation} on {System} failed: {Reason}", EventId = 7620)]
    public static partial void CreateFailed(ILogger logger, string operation, string system, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} placed a call through {System} (call {CallId})", EventId = 7621)]
    public static partial void CallPlaced(ILogger logger, string agentId, string system, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} could not place a call: {Reason}", EventId = 7622)]
    public static partial void CallRefused(ILogger logger, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The customer created in {System} for call {CallId} is not shown in its pop: {Reason}", EventId = 7623)]
    public static partial void PopNotOpened(ILogger logger, string callId, string system, string reason);
}
