using System.Data.Common;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Core.Interactions;
using Switchboard.Delivery;
using Switchboard.Delivery.Outbox;
using Switchboard.Interactions.Assembly;
using Switchboard.Storage.Stores;

namespace Switchboard.Flows.CallLogging;

/// <summary>
/// Call logging (flows with <c>capability: callLogging</c>): when an interaction completes wrap-up, one
/// <c>interaction.log</c> message per target system is written to the outbox in the same transaction as the interaction,
/// so it is sent exactly once (idempotency key <c>call-logging:{interactionId}</c>); when a call is abandoned or missed,
/// a <c>task.create</c> message asks the system for a follow-up (key <c>call-logging:{interactionId}:follow-up</c>),
/// where the system defines that operation.
/// </summary>
/// <remarks>
/// The activity goes against ONE customer: the one the agent chose, which the desktop attaches to the wrap-up as the
/// attribute <c>customer.{system}</c> (the customer's id in that system, from the screen pop), else the customer the
/// hub linked the call to (its cross-reference in that system). Never against every contact that shares the number:
/// without either, the activity carries no customer id. A flow in shadow mode writes nothing and logs what it would
/// send; in pilot mode only calls in its cohort are logged.
/// </remarks>
public sealed partial class CallLoggingFlow(
    ConfigurationMonitor configuration,
    CrossReferenceStore crossReferences,
    DeliverySignal signal,
    TimeProvider clock,
    ILogger<CallLoggingFlow> logger) : IInteractionObserver
{
    /// <summary>The prefix of the attribute that names the customer chosen for the call in one system: <c>customer.demo-crm</c>.</summary>
    public const string CustomerAttributePrefix = "customer.";

    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task OnChangedAsync(
        Interaction? before, Interaction after, IReadOnlyList<InteractionEvent> fresh, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var completed = after.State == InteractionState.Completed && before?.State != InteractionState.Completed;
        var missed = after.State == InteractionState.Abandoned && before?.State != InteractionState.Abandoned;
        if ((!completed && !missed) || configuration.Current is not { } current)
        {
            return;
        }

        var operation = completed ? OperationNames.InteractionLog : OperationNames.TaskCreate;
        var messages = new List<DeliveryMessage>();
        foreach (var flow in current.Flows.Where(f => f.Capability == Capability.CallLogging && f.AppliesTo(after.AgentIds, after.Queue, after.CallId)))
        {
            foreach (var system in Targets(current, flow, operation))
            {
                var message = await MessageAsync(flow, system.Name, after, completed, ct);
                if (flow.Mode == RolloutMode.Shadow)
                {
                    LogShadow(logger, flow.Name, operation, system.Name, after.Id, message.Arguments["customerId"]?.GetValue<string>());
                    continue;
                }

                messages.Add(message);
            }
        }

        if (messages.Count == 0)
        {
            return;
        }

        await Outbox.AddAsync(connection, transaction, messages, ct);
        lock (_gate)
        {
            foreach (var message in messages)
            {
                _written.Add(message.Target);
            }
        }
    }

    public void OnCommitted()
    {
        string[] targets;
        lock (_gate)
        {
            targets = [.. _written];
            _written.Clear();
        }

        foreach (var target in targets)
        {
            signal.Notify(target);
        }
    }

    /// <summary>
    /// The message that logs <paramref name="interaction"/> at <paramref name="system"/> (<c>interaction.log</c> when
    /// <paramref name="completed"/>, else the <c>task.create</c> follow-up), with the idempotency key derived from the
    /// flow and the interaction: built the same way when reconciliation sends it again.
    /// </summary>
    public async Task<DeliveryMessage> MessageAsync(FlowDefinition flow, string system, Interaction interaction, bool completed, CancellationToken ct)
    {
        var customerId = await CustomerIdAsync(interaction, system, ct);
        var subject = completed ? Subject(interaction) : $"Call back {interaction.CallerNumber ?? interaction.CallerNumberRaw ?? "the caller"}: missed call";
        return new DeliveryMessage
        {
            Id = HubIds.New(),
            Target = system,
            Operation = completed ? OperationNames.InteractionLog : OperationNames.TaskCreate,
            RecordKey = $"interaction:{interaction.Id}",
            IdempotencyKey = completed ? $"{flow.Name}:{interaction.Id}" : $"{flow.Name}:{interaction.Id}:follow-up",
            Source = flow.Name,
            Arguments = CallLoggingArguments.For(interaction, customerId, subject),
            OccurredAt = (completed ? interaction.CompletedAt : interaction.EndedAt) ?? clock.GetUtcNow(),
            EnqueuedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>The flow's systems (every system when it lists none) that define the operation and are not off.</summary>
    internal static IEnumerable<SystemDefinition> Targets(HubConfiguration configuration, FlowDefinition flow, string operation) =>
        configuration.Systems.Where(s =>
            s.Mode != RolloutMode.Off
            && s.Implements(operation)
            && (flow.Systems.Count == 0 || flow.Systems.Contains(s.Name, StringComparer.Ordinal)));

    private async Task<string?> CustomerIdAsync(Interaction interaction, string system, CancellationToken ct)
    {
        var attribute = TimelineEntry.AttributePrefix + CustomerAttributePrefix + system;
        var chosen = interaction.Timeline.InOrder().Reverse().Select(e => e.Get(attribute)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (chosen is not null)
        {
            return chosen;
        }

        if (interaction.CustomerId is not { } hubId)
        {
            return null;
        }

        var links = await crossReferences.ListForAsync(EntityKind.Customer, hubId, ct);
        return links.FirstOrDefault(x => string.Equals(x.System, system, StringComparison.Ordinal))?.ExternalId;
    }

    private static string Subject(Interaction interaction)
    {
        var who = interaction.Direction == CallDirection.Outbound
            ? interaction.CalledNumber ?? "a customer"
            : interaction.CallerNumber ?? interaction.CallerNumberRaw ?? "a withheld number";
        var direction = interaction.Direction == CallDirection.Outbound ? "Outbound call to" : "Inbound call from";
        return interaction.Disposition is { } disposition ? $"{direction} {who} ({disposition})" : $"{direction} {who}";
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Flow {Flow} is in shadow mode: would send {Operation} to {System} for interaction {InteractionId} (customer {CustomerId})")]
    private static partial void LogShadow(ILogger logger, string flow, string operation, string system, string interactionId, string? customerId);
}
