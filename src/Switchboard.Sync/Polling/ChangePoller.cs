using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;

namespace Switchboard.Sync.Polling;

/// <summary>
/// Polls the changed-since operations (<c>order.listChanged</c>, <c>ticket.listChanged</c>) of the systems of
/// the orderCapture and ticketing flows that set <c>changes.pollSeconds</c>, each on its own schedule, passing
/// the stored high-water mark as <c>since</c> (the Unix epoch the first time) and applying what comes back
/// through the <see cref="ChangeApplier"/>. The configuration is read at every tick, so a reload adds, removes
/// or re-times polls at once. A failing system is logged once (until it works again) and tried at its next
/// interval; it never holds back another system's poll. With several hub processes on one database a due poll
/// is made by the one that claims its lease (<see cref="PollLeases"/>); the others pass it over until the next
/// interval.
/// </summary>
public sealed class ChangePoller : BackgroundService
{
    /// <summary>How often the poller looks for polls that are due.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly Func<HubConfiguration?> _configuration;
    private readonly IOperationInvoker _invoker;
    private readonly ChangeApplier _applier;
    private readonly HighWaterMarks _marks;
    private readonly PollLeases _leases;
    private readonly TimeProvider _time;
    private readonly ILogger<ChangePoller> _logger;
    private readonly ConcurrentDictionary<(string System, string Operation), TargetState> _states = new();

    public ChangePoller(Func<HubConfiguration?> configuration, IOperationInvoker invoker, ChangeApplier applier, HighWaterMarks marks,
        PollLeases leases, TimeProvider time, ILogger<ChangePoller> logger)
    {
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
        _applier = applier ?? throw new ArgumentNullException(nameof(applier));
        _marks = marks ?? throw new ArgumentNullException(nameof(marks));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The polls the current configuration asks for.</summary>
    public IReadOnlyList<PollTarget> Targets => ChangeSources.Polls(_configuration());

    /// <summary>
    /// One poll of one target: calls the operation with <c>since</c> = the stored mark, applies the records,
    /// and only then stores the new mark (the connector's, or the latest <c>updatedAt</c> of the records), so a
    /// crash in between reads the same changes again and the applier ignores those it already has.
    /// </summary>
    /// <exception cref="ConnectorException">The call failed; the mark is left as it was.</exception>
    public async Task<ChangeApplyResult> PollAsync(PollTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var stored = await _marks.GetAsync(target.System, target.Operation, ct);
        var arguments = stored is null
            ? OperationArguments.From(("since", DateTimeOffset.UnixEpoch))
            : OperationArguments.From(("since", stored));
        var answer = await _invoker.InvokeAsync(target.System, target.Operation, arguments, ct);
        var result = await _applier.ApplyAsync(target.System, target.Kind, answer.Records, ct);
        var mark = Later(stored, answer.HighWaterMark ?? LatestUpdatedAt(answer.Records));
        if (mark is not null && !string.Equals(mark, stored, StringComparison.Ordinal))
        {
            await _marks.SetAsync(target.System, target.Operation, mark, ct);
        }

        SyncLog.Polled(_logger, target.System, target.Operation, arguments.Text("since") ?? "", answer.Records.Count,
            result.Applied, result.Created, result.Duplicates, mark);
        return result;
    }

    /// <summary>Starts every poll that is due and not already running; returns them (for tests, which then wait for them).</summary>
    internal IReadOnlyList<Task> StartDue(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var started = new List<Task>();
        foreach (var target in Targets)
        {
            var state = _states.GetOrAdd((target.System, target.Operation), _ => new TargetState());
            if (state.Running is { IsCompleted: false } || (state.FinishedAt is { } finished && now < finished + target.Interval))
            {
                continue;
            }

            state.Running = RunAsync(target, state, ct);
            started.Add(state.Running);
        }

        return started;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                StartDue(stoppingToken);
                await Task.Delay(Tick, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(_states.Values.Select(s => s.Running).OfType<Task>());
    }

    private async Task RunAsync(PollTarget target, TargetState state, CancellationToken ct)
    {
        // Off the loop at once: a slow system's call never delays the ticks that start the others.
        await Task.Yield();
        try
        {
            if (!await _leases.TryClaimAsync(target, _time.GetUtcNow(), ct))
            {
                SyncLog.PollLeasedElsewhere(_logger, target.System, target.Operation);
                return;
            }

            try
            {
                await PollAsync(target, ct);
            }
            finally
            {
                await _leases.EndAsync(target, _time.GetUtcNow(), CancellationToken.None);
            }

            if (state.Failing)
            {
                state.Failing = false;
                SyncLog.PollRecovered(_logger, target.System, target.Operation);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Logged once per streak of failures, not at every interval of an outage.
            if (state.Failing)
            {
                SyncLog.PollFailedAgain(_logger, target.System, target.Operation, ex.Message);
            }
            else
            {
                state.Failing = true;
                SyncLog.PollFailed(_logger, target.System, target.Operation, (int)target.Interval.TotalSeconds, ex.Message);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            state.FinishedAt = _time.GetUtcNow();
        }
    }

    /// <summary>The later of two marks when both are instants (a mark never moves back); otherwise the new one.</summary>
    private static string? Later(string? stored, string? next)
    {
        if (next is null || stored is null)
        {
            return next ?? stored;
        }

        return Instant(stored) is { } old && Instant(next) is { } @new && @new < old ? stored : next;
    }

    private static string? LatestUpdatedAt(IReadOnlyList<JsonObject> records)
    {
        var latest = records
            .Select(r => r["updatedAt"] is JsonValue value && value.TryGetValue<string>(out var text) ? Instant(text) : null)
            .Max();
        return latest?.ToString("O", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset? Instant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;

    private sealed class TargetState
    {
        public volatile Task? Running;
        public bool Failing;
        public DateTimeOffset? FinishedAt;
    }
}
