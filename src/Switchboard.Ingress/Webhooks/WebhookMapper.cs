using Switchboard.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Webhooks;

/// <summary>
/// Turns a vendor payload into one <see cref="ContactCenterEvent"/>: the first rule whose conditions
/// all hold gives the type; fields (the rule's own over the webhook's) give the values; value maps
/// translate the vendor's words into ours. Checks only what it must to build the event; the event
/// itself is checked by <see cref="ContactCenterEventValidator"/> afterwards.
/// </summary>
public sealed class WebhookMapper
{
    public WebhookMapResult Map(WebhookDefinition webhook, WebhookPayload payload)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(payload);
        var rule = webhook.Rules.FirstOrDefault(candidate => candidate.When.All(condition =>
            payload.Read(condition.Path) is { } value && condition.Values.Contains(value, StringComparer.Ordinal)));
        if (rule is null)
        {
            return new WebhookMapResult { Outcome = WebhookMapOutcome.Ignored };
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in WebhookFields.All)
        {
            if (Source(webhook, rule, field) is { } source && Resolve(source, payload) is { } value)
            {
                values[field] = webhook.ValueMaps.TryGetValue(field, out var map) && map.TryGetValue(value, out var mapped) ? mapped : value;
            }
        }

        foreach (var required in WebhookFields.RequiredFor(rule.Type).Where(field => !values.ContainsKey(field)))
        {
            return new WebhookMapResult
            {
                Outcome = WebhookMapOutcome.MissingField,
                Rule = rule,
                Field = required,
                VendorPath = Source(webhook, rule, required)?.ToString(),
                Reason = $"is required for {rule.Type}, and the payload has no value at {Source(webhook, rule, required)}",
            };
        }

        if (!WebhookTimestamps.TryParse(values[WebhookFields.OccurredAt], webhook.TimestampFormat, out var occurredAt))
        {
            return new WebhookMapResult
            {
                Outcome = WebhookMapOutcome.InvalidValue,
                Rule = rule,
                Field = WebhookFields.OccurredAt,
                VendorPath = Source(webhook, rule, WebhookFields.OccurredAt)?.ToString(),
                Value = values[WebhookFields.OccurredAt],
                Reason = $"is not a timestamp in the format {WebhookTimestamps.NameOf(webhook.TimestampFormat)} (timestampFormat)",
            };
        }

        var sources = new Dictionary<string, WebhookValue>(webhook.Attributes, StringComparer.Ordinal);
        foreach (var (name, source) in rule.Attributes)
        {
            sources[name] = source;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, source) in sources)
        {
            if (Resolve(source, payload) is { } value)
            {
                attributes[name] = value;
            }
        }

        var e = new ContactCenterEvent
        {
            EventId = values[WebhookFields.EventId],
            Type = rule.Type,
            OccurredAt = occurredAt,
            CallId = values.GetValueOrDefault(WebhookFields.CallId),
            AgentId = values.GetValueOrDefault(WebhookFields.AgentId),
            Direction = values.GetValueOrDefault(WebhookFields.Direction),
            From = values.GetValueOrDefault(WebhookFields.From),
            To = values.GetValueOrDefault(WebhookFields.To),
            Queue = values.GetValueOrDefault(WebhookFields.Queue),
            Reason = values.GetValueOrDefault(WebhookFields.Reason),
            Disposition = values.GetValueOrDefault(WebhookFields.Disposition),
            Notes = values.GetValueOrDefault(WebhookFields.Notes),
            RecordingUrl = values.GetValueOrDefault(WebhookFields.RecordingUrl),
            TransferTo = values.GetValueOrDefault(WebhookFields.TransferTo),
            Attributes = attributes,
            Source = $"webhook:{webhook.Name}",
        };
        return new WebhookMapResult { Outcome = WebhookMapOutcome.Mapped, Rule = rule, Event = e };
    }

    private static WebhookValue? Source(WebhookDefinition webhook, WebhookRule rule, string field) =>
        rule.Fields.GetValueOrDefault(field) ?? webhook.Fields.GetValueOrDefault(field);

    private static string? Resolve(WebhookValue source, WebhookPayload payload)
    {
        foreach (var candidate in source.Candidates)
        {
            if (candidate.Render(payload.Read) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
