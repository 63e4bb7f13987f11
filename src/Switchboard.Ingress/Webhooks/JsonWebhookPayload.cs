using System.Collections.Concurrent;
using System.Text.Json;
using Switchboard.Configuration;

namespace Switchboard.Ingress.Webhooks;

/// <summary>
/// A JSON body read by dotted paths. A property is matched exactly first and then ignoring case,
/// because vendors' published samples and their live events do not always agree on case
/// (Amazon Connect documents both <c>agentInfo</c> and <c>AgentInfo</c>).
/// </summary>
internal sealed class JsonWebhookPayload(JsonElement root) : WebhookPayload
{
    // Paths come from configuration only, never from a request, so this cache is bounded by the configuration.
    private static readonly ConcurrentDictionary<string, IReadOnlyList<WebhookPathStep>?> Paths = new(StringComparer.Ordinal);

    public override string? Read(string path)
    {
        var steps = Paths.GetOrAdd(path, static p => WebhookPath.TryParse(p, out var parsed, out _) ? parsed : null);
        if (steps is null)
        {
            return null;
        }

        var current = root;
        foreach (var step in steps)
        {
            if (!TryStep(current, step, out current))
            {
                return null;
            }
        }

        var text = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static bool TryStep(JsonElement current, WebhookPathStep step, out JsonElement next)
    {
        next = default;
        if (step.IsIndex)
        {
            if (current.ValueKind != JsonValueKind.Array || step.Index >= current.GetArrayLength())
            {
                return false;
            }

            next = current[step.Index];
            return true;
        }

        if (current.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (current.TryGetProperty(step.Property!, out next))
        {
            return true;
        }

        foreach (var property in current.EnumerateObject())
        {
            if (string.Equals(property.Name, step.Property, StringComparison.OrdinalIgnoreCase))
            {
                next = property.Value;
                return true;
            }
        }

        return false;
    }
}
