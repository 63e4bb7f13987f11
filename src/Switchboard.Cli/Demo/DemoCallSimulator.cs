using System.Globalization;
using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Cli.Demo;

/// <summary>
/// Places simulated calls from the demo systems' customers to the demo agent, through the same ingest
/// every contact center uses: offered to the support queue, ringing at the agent after a moment in the queue (the screen pop),
/// answered a few seconds later and ended after a short talk. The agent wraps each call up on the desktop.
/// </summary>
public sealed class DemoCallSimulator(IEventIngest ingest, TimeProvider time, TextWriter output)
{
    /// <summary>Callers the demo CRM and ERP know, in the formats contact centers send: one match, a shared company number, one only in the ERP, one nobody knows.</summary>
    public static readonly IReadOnlyList<string> Callers =
    [
        "(415) 555-0134", "+1 415 555 0193", "+44 20 7946 0958", "+86 21 6235 0188", "+1 212 555 0199",
    ];

    public const string AgentId = "agent-1";

    /// <summary>How long a simulated caller waits in the queue before the call rings at the agent.</summary>
    public static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(1.5);

    /// <summary>Places a call every <paramref name="every"/> until cancelled, the first at once.</summary>
    public async Task RunAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            _ = PlaceAsync(Callers[i % Callers.Count], cancellationToken);
            await Task.Delay(every, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One call from <paramref name="caller"/>; returns its call id once it rings.</summary>
    public async Task<string> PlaceAsync(string caller, CancellationToken cancellationToken)
    {
        var callId = string.Create(CultureInfo.InvariantCulture, $"demo-{time.GetUtcNow():HHmmss}-{Random.Shared.Next(1000, 9999)}");
        await SendAsync(callId, EventTypes.CallOffered, caller, agent: null, cancellationToken).ConfigureAwait(false);
        // A moment in the queue, as with a real caller: the offered call's lookups warm the connections
        // and the pop cache, so the agent's pop opens at once (also on the demo's cold first call).
        await Task.Delay(QueueWait, time, cancellationToken).ConfigureAwait(false);
        await SendAsync(callId, EventTypes.CallRinging, caller, AgentId, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  Simulated call {callId} from {caller} is ringing at {AgentId}.").ConfigureAwait(false);
        _ = TalkAsync(callId, caller, cancellationToken);
        return callId;
    }

    private async Task TalkAsync(string callId, string caller, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), time, cancellationToken).ConfigureAwait(false);
            await SendAsync(callId, EventTypes.CallAnswered, caller, AgentId, cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(30), time, cancellationToken).ConfigureAwait(false);
            await SendAsync(callId, EventTypes.CallEnded, caller, AgentId, cancellationToken, reason: "completed").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The demo is stopping.
        }
    }

    private async Task SendAsync(string callId, string type, string caller, string? agent, CancellationToken cancellationToken, string? reason = null)
    {
        var call = new ContactCenterEvent
        {
            EventId = $"{callId}-{type}",
            Type = type,
            OccurredAt = time.GetUtcNow(),
            CallId = callId,
            AgentId = agent,
            Direction = "inbound",
            From = caller,
            To = "+1 800 555 0100",
            Queue = "support",
            Reason = reason,
            Source = "demo",
        };
        await ingest.IngestAsync([call], cancellationToken).ConfigureAwait(false);
    }
}
