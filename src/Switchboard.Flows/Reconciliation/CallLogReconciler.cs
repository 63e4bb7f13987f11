using Dapper;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Delivery.Outbox;
using Switchboard.Flows.CallLogging;
using Switchboard.Storage;
using Switchboard.Storage.Stores;

namespace Switchboard.Flows.Reconciliation;

/// <summary>
/// Compares, for a period, the completed interactions the hub holds (started in [from, to)) with the activities a
/// system lists through its <c>interaction.list</c> operation (arguments <c>from</c> and <c>to</c>; each record maps an
/// <c>interactionId</c>), reports what is missing or duplicated there, and on request sends the missing ones again
/// through the outbox, audited as <c>resend</c> by the operator.
/// </summary>
public sealed class CallLogReconciler(
    ConfigurationMonitor configuration,
    IStorageProvider storage,
    InteractionStore interactions,
    IOperationInvoker invoker,
    CallLoggingFlow flow,
    Outbox outbox)
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(31);

    /// <exception cref="ReconciliationException">The system, flow or period cannot be reconciled; nothing was sent.</exception>
    /// <exception cref="ConnectorException">The system's list operation failed; nothing was sent.</exception>
    public async Task<ReconciliationReport> RunAsync(string system, DateTimeOffset from, DateTimeOffset to, bool resend, string actor, CancellationToken ct)
    {
        var current = configuration.Current ?? throw new ReconciliationException("configuration", null, "has not loaded; fix it first");
        var definition = current.FindSystem(system)
            ?? throw new ReconciliationException("system", system, $"is not configured (systems: {string.Join(", ", current.Systems.Select(s => s.Name))})");
        if (!definition.Implements(OperationNames.InteractionList))
        {
            throw new ReconciliationException("system", system,
                $"does not define {OperationNames.InteractionList}; add it to {definition.File} so the hub can list the activities it holds");
        }

        var logging = current.Flows.FirstOrDefault(f => f.Capability == Capability.CallLogging && f.Mode != RolloutMode.Off
                && CallLoggingFlow.Targets(current, f, OperationNames.InteractionLog).Any(s => s.Name == system))
            ?? throw new ReconciliationException("system", system, "is not a target of a call-logging flow that is on");
        if (to <= from)
        {
            throw new ReconciliationException("to", to.ToString("O"), $"is not after from ({from:O})");
        }

        if (to - from > MaxPeriod)
        {
            throw new ReconciliationException("to", to.ToString("O"), $"is more than {MaxPeriod.TotalDays:0} days after from; reconcile a shorter period");
        }

        var held = await CompletedAsync(from, to, ct);
        var listed = await invoker.InvokeAsync(system, OperationNames.InteractionList,
            OperationArguments.From(("from", from.ToUniversalTime().ToString("O")), ("to", to.ToUniversalTime().ToString("O"))), ct);

        var copies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var record in listed.Records)
        {
            var id = record["interactionId"]?.ToString();
            var externalId = record["externalId"]?.ToString() ?? "?";
            if (id is null || !held.Contains(id))
            {
                unknown.Add(externalId);
                continue;
            }

            (copies.TryGetValue(id, out var list) ? list : copies[id] = []).Add(externalId);
        }

        var missing = held.Where(id => !copies.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var duplicated = copies.Where(c => c.Value.Count > 1).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ReconciledDuplicate(c.Key, c.Value.Count, c.Value)).ToList();
        var resent = 0;
        if (resend && missing.Count > 0)
        {
            var messages = new List<Delivery.DeliveryMessage>();
            foreach (var id in missing)
            {
                if (await interactions.GetAsync(id, ct) is { } interaction)
                {
                    messages.Add(await flow.MessageAsync(logging, system, interaction, completed: true, ct));
                }
            }

            await outbox.ResendAsync(messages, actor, $"reconciliation {from:O} .. {to:O}: missing at {system}", ct);
            resent = messages.Count;
        }

        return new ReconciliationReport(system, logging.Name, from, to, held.Count, listed.Records.Count, missing, duplicated, unknown, resent);
    }

    private async Task<HashSet<string>> CompletedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM interactions WHERE state = 'Completed' AND started_at >= @from AND started_at < @to",
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return new HashSet<string>(ids, StringComparer.Ordinal);
    }
}
