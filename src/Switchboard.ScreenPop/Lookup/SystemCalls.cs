using Microsoft.Extensions.Logging;
using Switchboard.Connectors;
using Switchboard.Core.Phones;
using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Calls a system's operation for a pop: from the cache when it answered recently, else under the pop's timeout.
/// An answer is kept in the cache only when no customer changed while it was asked for: a change's invalidation
/// cannot drop an answer not yet stored, and that answer may predate the change.
/// </summary>
internal sealed partial class SystemCalls(
    IOperationInvoker invoker, ILookupCache cache, CustomerChanges changes, PhoneNormalizer phones, TimeProvider time, ILogger logger)
{
    public async Task<CallOutcome> CallAsync(string system, string operation, OperationArguments arguments, TimeSpan timeout, CancellationToken ct)
    {
        // Without a cache there is no key to build (2-3% of what a pop allocated went to keys nobody read).
        var key = cache.Enabled ? LookupCache.Key(system, operation, arguments) : null;
        if (key is not null && await cache.GetAsync(key, ct) is { } cached)
        {
            return new CallOutcome(StateOf(cached), cached, 0, null, Cached: true);
        }

        var asked = changes.Current;
        var call = await Timed.RunAsync(token => invoker.InvokeAsync(system, operation, arguments, token), timeout, time, ct);
        if (call.TimedOut)
        {
            var reason = Timed.TimeoutReason(timeout);
            LogTimedOut(logger, system, operation, timeout.TotalMilliseconds);
            return new CallOutcome(PopSourceState.Unavailable, null, call.ElapsedMs, reason, Cached: false);
        }

        switch (call.Error)
        {
            case null:
                await KeepAsync(key, call.Value!, system, operation, arguments, asked, ct);
                return new CallOutcome(StateOf(call.Value!), call.Value, call.ElapsedMs, null, Cached: false);
            case ConnectorException { Status: 404 }:
                // A system asked for an id it does not hold (an account number another system issued) says so with a 404.
                await KeepAsync(key, OperationResult.NoMatch, system, operation, arguments, asked, ct);
                return new CallOutcome(PopSourceState.NoMatch, OperationResult.NoMatch, call.ElapsedMs, null, Cached: false);
            case ConnectorException failure:
                LogFailed(logger, system, operation, failure.Message);
                return new CallOutcome(PopSourceState.Unavailable, null, call.ElapsedMs, failure.Message, Cached: false);
            default:
                LogFailedUnexpectedly(logger, system, operation, call.Error);
                return new CallOutcome(PopSourceState.Unavailable, null, call.ElapsedMs, $"{system} {operation}: {call.Error.Message}", Cached: false);
        }
    }

    private async ValueTask KeepAsync(
        string? key, OperationResult result, string system, string operation, OperationArguments arguments, long asked, CancellationToken ct)
    {
        if (key is null)
        {
            return;
        }

        if (changes.Current != asked)
        {
            LogNotKept(logger, system, operation);
            return;
        }

        await cache.PutAsync(key, result, [.. Tags(system, arguments, result)], ct);
    }

    private static PopSourceState StateOf(OperationResult result) =>
        result.Outcome == OperationOutcome.Success && result.Records.Count > 0 ? PopSourceState.Answered : PopSourceState.NoMatch;

    private IEnumerable<string> Tags(string system, OperationArguments arguments, OperationResult result)
    {
        yield return LookupCache.SystemTag(system);
        if (arguments.Text("phone") is { } phone && phones.Normalize(phone) is { IsValid: true } searched)
        {
            yield return LookupCache.PhoneTag(searched.E164!);
        }

        foreach (var name in new[] { "externalId", "customerId" })
        {
            if (arguments.Text(name) is { } id)
            {
                yield return LookupCache.IdTag(system, id);
            }
        }

        foreach (var record in result.Records)
        {
            foreach (var name in new[] { "externalId", "customerId" })
            {
                if (RecordReader.Text(record, name) is { } id)
                {
                    yield return LookupCache.IdTag(system, id);
                }
            }

            foreach (var number in RecordReader.PhonesOf(record, phones))
            {
                yield return LookupCache.PhoneTag(number);
            }
        }
    }

    [LoggerMessage(EventId = 6513, Level = LogLevel.Debug, Message = "Screen pop: the answer of {System} {Operation} is not cached: a customer changed while it was asked for")]
    private static partial void LogNotKept(ILogger logger, string system, string operation);

    [LoggerMessage(EventId = 6510, Level = LogLevel.Information, Message = "Screen pop: {System} {Operation} gave no answer within {TimeoutMs} ms; shown as unavailable")]
    private static partial void LogTimedOut(ILogger logger, string system, string operation, double timeoutMs);

    [LoggerMessage(EventId = 6511, Level = LogLevel.Warning, Message = "Screen pop: {System} {Operation} failed; shown as unavailable: {Reason}")]
    private static partial void LogFailed(ILogger logger, string system, string operation, string reason);

    [LoggerMessage(EventId = 6512, Level = LogLevel.Error, Message = "Screen pop: {System} {Operation} failed unexpectedly; shown as unavailable")]
    private static partial void LogFailedUnexpectedly(ILogger logger, string system, string operation, Exception exception);
}
