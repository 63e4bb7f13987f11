namespace Switchboard.Ingress.Webhooks;

/// <summary>The 200 answer to a webhook request. Vendors only look at the status; the body helps whoever tests the webhook.</summary>
internal sealed record WebhookReply(string Webhook, bool Ignored, string? EventId = null, string? Type = null, string? Outcome = null, bool Shadow = false);
