using System.Globalization;
using System.Text.Json.Nodes;
using Switchboard.Core.Interactions;
using Switchboard.Interactions.Assembly;

namespace Switchboard.Flows.CallLogging;

/// <summary>
/// The variables an <c>interaction.log</c> or <c>task.create</c> template can use, from an interaction: ids, the customer's id
/// in the target, direction, numbers, queue, agents, instants (ISO 8601), durations (seconds), disposition, notes,
/// recording link. docs/configuration.md lists them.
/// </summary>
internal static class CallLoggingArguments
{
    public static JsonObject For(Interaction interaction, string? customerId, string subject)
    {
        var figures = InteractionFigures.From(interaction);
        var agents = new JsonArray([.. interaction.AgentIds.Select(a => (JsonNode?)JsonValue.Create(a))]);
        return new JsonObject
        {
            ["interactionId"] = interaction.Id,
            ["callId"] = interaction.CallId,
            ["customerId"] = customerId,
            ["customerHubId"] = interaction.CustomerId,
            ["subject"] = subject,
            ["direction"] = Camel(interaction.Direction.ToString()),
            ["state"] = Camel(interaction.State.ToString()),
            ["callerNumber"] = interaction.CallerNumber ?? interaction.CallerNumberRaw,
            ["calledNumber"] = interaction.CalledNumber,
            ["queue"] = interaction.Queue,
            ["agentId"] = interaction.AgentIds.Count > 0 ? interaction.AgentIds[^1] : null,
            ["agentIds"] = agents,
            ["startedAt"] = Iso(interaction.StartedAt),
            ["answeredAt"] = Iso(interaction.AnsweredAt),
            ["endedAt"] = Iso(interaction.EndedAt),
            ["completedAt"] = Iso(interaction.CompletedAt),
            ["durationSeconds"] = interaction.EndedAt is { } ended ? Math.Round(Math.Max(0, (ended - interaction.StartedAt).TotalSeconds), 3) : null,
            ["queueSeconds"] = figures.QueueWaitSeconds,
            ["ringSeconds"] = figures.RingSeconds,
            ["talkSeconds"] = figures.TalkSeconds,
            ["holdSeconds"] = figures.HoldSeconds,
            ["wrapUpSeconds"] = figures.WrapUpSeconds,
            ["transfers"] = new JsonArray([.. figures.Transfers.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["disposition"] = interaction.Disposition,
            ["notes"] = interaction.Notes,
            ["recordingUrl"] = interaction.RecordingUrl,
        };
    }

    private static string? Iso(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
