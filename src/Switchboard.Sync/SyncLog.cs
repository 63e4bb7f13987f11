using Microsoft.Extensions.Logging;

namespace Switchboard.Sync;

/// <summary>The inbound-change module's log messages (event ids 9100-9199).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(9100, LogLevel.Warning, "{System}: {Kind} change not applied: {Error}")]
    public static partial void InvalidRecord(ILogger logger, string system, string kind, string error);

    [LoggerMessage(9101, LogLevel.Debug, "{System} {Kind} {ExternalId} is not known to the hub and its customer {CustomerExternalId} is not either: not created")]
    public static partial void UnknownRecordSkipped(ILogger logger, string system, string kind, string externalId, string? customerExternalId);

    [LoggerMessage(9102, LogLevel.Debug, "{System} {Kind} {ExternalId} changed at {UpdatedAt:o}, not after the hub's copy ({HubUpdatedAt:o}): ignored as a duplicate")]
    public static partial void Duplicate(ILogger logger, string system, string kind, string externalId, DateTimeOffset updatedAt, DateTimeOffset hubUpdatedAt);

    [LoggerMessage(9103, LogLevel.Information, "{System} {Kind} {ExternalId} is now {Status} (hub id {HubId}, created: {Created})")]
    public static partial void Applied(ILogger logger, string system, string kind, string externalId, string status, string hubId, bool created);

    [LoggerMessage(9104, LogLevel.Warning, "Pushing the change of {Kind} {HubId} to the agents failed; the change itself is stored")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string kind, string hubId);

    [LoggerMessage(9105, LogLevel.Warning, "Telling an observer that {System} {Kind} {ExternalId} changed failed; the change itself is handled")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string system, string kind, string externalId);

    [LoggerMessage(9110, LogLevel.Warning, "Polling {System} {Operation} failed; it is tried again in {PollSeconds} s: {Reason}")]
    public static partial void PollFailed(ILogger logger, string system, string operation, int pollSeconds, string reason);

    [LoggerMessage(9111, LogLevel.Debug, "Polling {System} {Operation} failed again: {Reason}")]
    public static partial void PollFailedAgain(ILogger logger, string system, string operation, string reason);

    [LoggerMessage(9112, LogLevel.Information, "Polling {System} {Operation} works again")]
    public static partial void PollRecovered(ILogger logger, string system, string operation);

    [LoggerMessage(9113, LogLevel.Debug, "Polled {System} {Operation} since {Since}: {Records} records, {Applied} applied, {Created} created, {Duplicates} duplicates; next mark {Mark}")]
    public static partial void Polled(ILogger logger, string system, string operation, string since, int records, int applied, int created, int duplicates, string? mark);

    [LoggerMessage(9114, LogLevel.Debug, "Not polling {System} {Operation}: another hub process holds its lease until it is due")]
    public static partial void PollLeasedElsewhere(ILogger logger, string system, string operation);

    [LoggerMessage(9120, LogLevel.Information, "Consuming {Kind} changes from {System} {Operation}")]
    public static partial void Consuming(ILogger logger, string system, string operation, string kind);

    [LoggerMessage(9121, LogLevel.Warning, "Consuming changes from {System} {Operation} failed; it starts again in {DelaySeconds} s: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, string system, string operation, double delaySeconds, string reason);

    [LoggerMessage(9122, LogLevel.Information, "Stopped consuming changes from {System} {Operation} (the configuration changed)")]
    public static partial void ConsumerStopped(ILogger logger, string system, string operation);
}
