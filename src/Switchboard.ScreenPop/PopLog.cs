using Microsoft.Extensions.Logging;

namespace Switchboard.ScreenPop;

/// <summary>The screen pop's log messages (event ids 6500–6599).</summary>
internal static partial class PopLog
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Debug, Message = "Screen pop of call {CallId}: {Match} by {MatchedBy} in {ElapsedMs:0.0} ms")]
    public static partial void Completed(ILogger logger, string callId, PopMatch match, string? matchedBy, double elapsedMs);

    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning, Message = "Screen pop: the answer of {System} {Operation} could not be read; shown as unavailable")]
    public static partial void ReadFailed(ILogger logger, string system, string operation, Exception exception);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Screen pop: the hub's own {Operation} failed; shown as unavailable")]
    public static partial void HubLookupFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "Screen pop of call {CallId}: the pick {CandidateKey} could not be remembered for the number")]
    public static partial void RememberFailed(ILogger logger, string callId, string candidateKey, Exception exception);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Information, Message = "Screen pop: {Count} cached answers dropped (phone {Phone}, system {System}, id {ExternalId})")]
    public static partial void Invalidated(ILogger logger, int count, string? phone, string? system, string? externalId);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Warning, Message = "Screen pop: no link for {System} {Kind} {Id}: {Reason}")]
    public static partial void LinkFailed(ILogger logger, string system, string kind, string id, string reason);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Debug, Message = "Screen pop of call {CallId}: the call's complete pop shown again for agent {AgentId}, no lookups")]
    public static partial void Reused(ILogger logger, string callId, string? agentId);

    [LoggerMessage(EventId = 6507, Level = LogLevel.Information, Message = "Screen pop: customers changed; {Count} cached answers dropped for {Tags} phone numbers and records")]
    public static partial void CustomersChanged(ILogger logger, int count, int tags);

    [LoggerMessage(EventId = 6508, Level = LogLevel.Error, Message = "Screen pop: letting go of held calls failed; they stay until the next sweep")]
    public static partial void LetGoFailed(ILogger logger, Exception exception);
}
