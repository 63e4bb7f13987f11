using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Sync.Polling;
using Switchboard.Sync.Queues;

namespace Switchboard.Sync;

/// <summary>
/// Where changes come from under a configuration: the systems of the orderCapture and ticketing flows that are
/// not off and implement the flow's changed-since operation. Systems on AMQP are consumed (their operation reads
/// a queue); the others are polled when the flow sets <c>changes.pollSeconds</c>.
/// </summary>
internal static class ChangeSources
{
    public static IReadOnlyList<PollTarget> Polls(HubConfiguration? configuration) =>
        [.. Sources(configuration)
            .Where(s => s.System.Protocol != SystemProtocol.Amqp && s.Flow.Changes is { Polls: true })
            .GroupBy(s => (s.System.Name, s.Operation))
            // Two flows polling the same system's operation: the more frequent one decides.
            .Select(g => new PollTarget(g.Key.Name, g.Key.Operation, g.First().Kind, TimeSpan.FromSeconds(g.Min(s => s.Flow.Changes!.PollSeconds))))];

    public static IReadOnlyList<QueueSource> Queues(HubConfiguration? configuration) =>
        [.. Sources(configuration)
            .Where(s => s.System.Protocol == SystemProtocol.Amqp && s.System.Operations[s.Operation].Amqp is { IsPublish: false, Queue: not null })
            .DistinctBy(s => (s.System.Name, s.Operation))
            .Select(s => new QueueSource(s.System, s.System.Operations[s.Operation], s.Kind))];

    /// <summary>The kind of record a capability's changed-since operation lists, or null for other capabilities.</summary>
    public static (string Operation, EntityKind Kind)? ChangesOf(Capability capability) => capability switch
    {
        Capability.OrderCapture => (OperationNames.OrderListChanged, EntityKind.Order),
        Capability.Ticketing => (OperationNames.TicketListChanged, EntityKind.Ticket),
        _ => null,
    };

    private static IEnumerable<(FlowDefinition Flow, SystemDefinition System, string Operation, EntityKind Kind)> Sources(HubConfiguration? configuration)
    {
        if (configuration is null)
        {
            yield break;
        }

        foreach (var flow in configuration.Flows.Where(f => f.Mode != RolloutMode.Off))
        {
            if (ChangesOf(flow.Capability) is not { } changes)
            {
                continue;
            }

            var systems = flow.Systems.Count == 0
                ? configuration.Systems
                : flow.Systems.Select(configuration.FindSystem).OfType<SystemDefinition>();
            foreach (var system in systems.Where(s => s.Mode != RolloutMode.Off && s.Implements(changes.Operation)))
            {
                yield return (flow, system, changes.Operation, changes.Kind);
            }
        }
    }
}
