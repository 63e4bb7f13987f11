using System.Text.Json;

namespace Switchboard.Ingress.Webhooks;

/// <summary>A vendor's request body, read by path: a JSON path or a form parameter name.</summary>
public abstract class WebhookPayload
{
    /// <summary>The value at <paramref name="path"/> as text; null when absent, empty, null, an object or a list.</summary>
    public abstract string? Read(string path);

    /// <summary>The form parameters in the order sent, as Twilio's signature needs them.</summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>> Parameters => [];

    /// <summary>Parses <c>application/x-www-form-urlencoded</c> text (<c>+</c> is a space).</summary>
    public static WebhookPayload FromForm(string body) => new FormWebhookPayload(FormWebhookPayload.Parse(body));

    /// <summary>Wraps a parsed JSON document; the caller keeps it alive while the payload is used.</summary>
    public static WebhookPayload FromJson(JsonElement root) => new JsonWebhookPayload(root);
}
