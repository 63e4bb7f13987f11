using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Events;
using Switchboard.ScreenPop;

namespace Switchboard.Desktop.Pops;

/// <summary>
/// Runs the screen pops that ringing calls ask for, many at once, and publishes every snapshot as it
/// comes (the first at once, then one per system that answers). A full queue drops the pop with a
/// warning rather than slowing ingest; the pop is still available on request.
/// </summary>
public sealed partial class PopDispatcher(ScreenPopEngine engine, IPopPublisher publisher, ILogger<PopDispatcher> logger) : BackgroundService
{
    public const int Capacity = 4096;
    public const int MaxConcurrentPops = 64;

    private readonly Channel<PopRequest> _queue = Channel.CreateBounded<PopRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(ContactCenterEvent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!_queue.Writer.TryWrite(RequestFor(call)))
        {
            LogDropped(logger, call.CallId!);
        }
    }

    /// <summary>The pop a call event asks for. For an outbound call the customer is the number dialled.</summary>
    public static PopRequest RequestFor(ContactCenterEvent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var outbound = string.Equals(call.Direction, "outbound", StringComparison.OrdinalIgnoreCase);
        return new PopRequest
        {
            CallId = call.CallId!,
            AgentId = call.AgentId,
            CallerNumber = outbound ? call.To : call.From,
            CalledNumber = outbound ? call.From : call.To,
            Queue = call.Queue,
            Direction = outbound ? "outbound" : "inbound",
            Attributes = call.Attributes,
        };
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPops, CancellationToken = stoppingToken },
            async (request, ct) =>
            {
                try
                {
                    await foreach (var view in engine.RunAsync(request, ct).ConfigureAwait(false))
                    {
                        await publisher.PublishAsync(view, ct).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPopFailed(logger, request.CallId, ex);
                }
            });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Screen pop for call {CallId} dropped: {Capacity} pops are already waiting", EventId = 7600)]
    private static partial void LogDroppedCore(ILogger logger, string callId, int capacity);

    private static void LogDropped(ILogger logger, string callId) => LogDroppedCore(logger, callId, Capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Screen pop for call {CallId} failed", EventId = 7601)]
    private static partial void LogPopFailed(ILogger logger, string callId, Exception exception);
}
