using System.Globalization;
using Switchboard.Core.Events;
using Switchboard.Core.Interactions;

namespace Switchboard.Interactions.Assembly;

/// <summary>Turns a contact-center event into an entry of an interaction's timeline and back into its fields.</summary>
public static class TimelineEntry
{
    /// <summary>Where an event's attributes (IVR data, the chosen customer) sit in its entry's data: <c>attributes.{name}</c>.</summary>
    public const string AttributePrefix = "attributes.";

    public static InteractionEvent From(ContactCenterEvent e, DateTimeOffset receivedAt)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, string? value)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        Put("direction", e.Direction);
        Put("from", e.From);
        Put("to", e.To);
        Put("queue", e.Queue);
        Put("reason", e.Reason);
        Put("disposition", e.Disposition);
        Put("notes", e.Notes);
        Put("recordingUrl", e.RecordingUrl);
        Put("transferTo", e.TransferTo);
        foreach (var (key, value) in e.Attributes)
        {
            data[AttributePrefix + key] = value;
        }

        return new InteractionEvent
        {
            EventId = e.EventId,
            Type = e.Type,
            OccurredAt = e.OccurredAt,
            ReceivedAt = receivedAt,
            AgentId = e.AgentId,
            Source = e.Source,
            Data = data,
        };
    }

    public static string? Get(this InteractionEvent e, string key) => e.Data.TryGetValue(key, out var value) ? value : null;

    /// <summary>The event's attributes, as it carried them.</summary>
    public static Dictionary<string, string> Attributes(this InteractionEvent e) =>
        e.Data.Where(d => d.Key.StartsWith(AttributePrefix, StringComparison.Ordinal))
            .ToDictionary(d => d.Key[AttributePrefix.Length..], d => d.Value, StringComparer.Ordinal);

    /// <summary>Timeline order: occurrence time, then arrival, then id, so every replica folds the same way.</summary>
    public static IOrderedEnumerable<InteractionEvent> InOrder(this IEnumerable<InteractionEvent> timeline) =>
        timeline.OrderBy(e => e.OccurredAt).ThenBy(e => e.ReceivedAt).ThenBy(e => e.EventId, StringComparer.Ordinal);

    internal static string Format(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
