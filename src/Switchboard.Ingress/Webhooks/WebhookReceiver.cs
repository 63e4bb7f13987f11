using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Webhooks;

/// <summary>
/// Handles one <c>POST /webhooks/{name}</c>: reads the body (bounded by server.limits.maxRequestBodyBytes),
/// verifies the signature and its timestamp, maps the payload, validates the event and hands it to
/// <see cref="IEventIngest"/>. Anything refused changes nothing and is counted by reason.
/// The webhook is looked up in the current configuration on every request, so a reload applies at once.
/// </summary>
internal sealed class WebhookReceiver(
    ConfigurationMonitor configuration,
    WebhookMapper mapper,
    ContactCenterEventValidator validator,
    IEventIngest ingest,
    IngressMetrics metrics,
    WebhookMetrics webhookMetrics,
    TimeProvider clock,
    ILogger<WebhookReceiver> logger)
{
    private const int ReadChunkBytes = 16 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<IResult> ReceiveAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        var hub = configuration.Current;
        var webhook = hub?.FindWebhook(name);
        if (hub is null || webhook is null || webhook.Mode == RolloutMode.Off)
        {
            // A fixed label: request names are the sender's choice and must not grow the metric's cardinality.
            metrics.Rejected("webhook", "unknown_webhook");
            WebhookLog.Unknown(logger, Clip(name));
            return Problem(StatusCodes.Status404NotFound, "Unknown webhook",
                $"No webhook named '{Clip(name)}' is served; webhooks are declared in webhooks/*.yaml with mode shadow or on.", null);
        }

        var ingress = $"webhook:{webhook.Name}";
        if (!HasContentType(request, webhook.Format))
        {
            return Malformed(webhook, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the body as {(webhook.Format == WebhookFormat.Form ? "application/x-www-form-urlencoded" : "application/json")} (format: {(webhook.Format == WebhookFormat.Form ? "form" : "json")}).");
        }

        var limit = hub.Server.Limits.MaxRequestBodyBytes;
        var body = await ReadBodyAsync(request, limit, cancellationToken);
        if (body is null)
        {
            metrics.Rejected(ingress, "oversize");
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body exceeds the limit of {limit} bytes (server.limits.maxRequestBodyBytes).", webhook.Name);
        }

        using var document = TryParse(webhook, body, out var payload, out var parseError);
        if (payload is null)
        {
            return Malformed(webhook, StatusCodes.Status400BadRequest, "Malformed body", parseError!);
        }

        if (Verify(webhook, request, body, payload) is { } refused)
        {
            return refused;
        }

        var mapped = mapper.Map(webhook, payload);
        if (mapped.Outcome == WebhookMapOutcome.Ignored)
        {
            webhookMetrics.Ignored(ingress);
            WebhookLog.Ignored(logger, webhook.Name);
            return TypedResults.Ok(new WebhookReply(webhook.Name, Ignored: true));
        }

        if (mapped.Event is not { } e)
        {
            metrics.Rejected(ingress, "invalid");
            var rule = mapped.Rule!;
            WebhookLog.Unmappable(logger, webhook.Name, rule.Index, rule.Type, mapped.Field!, mapped.Reason!);
            return Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable webhook payload",
                $"Webhook '{webhook.Name}': rule events[{rule.Index}] ({rule.Type}) matched, but {mapped.Field} {mapped.Reason}.",
                webhook.Name,
                new Dictionary<string, object?> { ["field"] = mapped.Field, ["path"] = mapped.VendorPath, ["value"] = mapped.Value });
        }

        var errors = validator.Validate(e);
        if (errors.Count > 0)
        {
            metrics.Rejected(ingress, "invalid");
            WebhookLog.Invalid(logger, webhook.Name, e.EventId, string.Join("; ", errors));
            var byField = errors.GroupBy(error => error.Field, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Select(error => error.ToString()).ToArray(), StringComparer.Ordinal);
            return Problem(StatusCodes.Status422UnprocessableEntity, "Invalid event",
                $"Webhook '{webhook.Name}' mapped the payload to a {e.Type} event that is not valid; nothing was changed.",
                webhook.Name, new Dictionary<string, object?> { ["errors"] = byField });
        }

        if (webhook.Mode == RolloutMode.Shadow)
        {
            WebhookLog.Shadow(logger, webhook.Name, e.EventId, e.Type);
            return TypedResults.Ok(new WebhookReply(webhook.Name, Ignored: false, e.EventId, e.Type, Shadow: true));
        }

        var outcome = (await ingest.IngestAsync([e], cancellationToken))[0];
        if (outcome == IngestOutcome.Accepted)
        {
            metrics.Accepted(ingress);
        }
        else
        {
            metrics.Duplicate(ingress);
        }

        var outcomeName = outcome == IngestOutcome.Accepted ? "accepted" : "duplicate";
        WebhookLog.Ingested(logger, webhook.Name, e.EventId, e.Type, outcomeName);
        return TypedResults.Ok(new WebhookReply(webhook.Name, Ignored: false, e.EventId, e.Type, outcomeName));
    }

    /// <summary>Null when the signature and its timestamp hold; otherwise the 401 (or 503) to answer.</summary>
    private ProblemHttpResult? Verify(WebhookDefinition webhook, HttpRequest request, byte[] body, WebhookPayload payload)
    {
        var ingress = $"webhook:{webhook.Name}";
        var settings = webhook.Signature;
        string secret;
        try
        {
            secret = settings.Secret.Resolve();
        }
        catch (InvalidOperationException ex)
        {
            metrics.Rejected(ingress, "unavailable");
            WebhookLog.SecretUnavailable(logger, webhook.Name, settings.Secret.ToString(), ex.Message);
            return Problem(StatusCodes.Status503ServiceUnavailable, "Webhook unavailable",
                "The hub cannot read this webhook's signature secret, so it cannot verify the request; nothing was changed. The log names the missing variable or file.",
                webhook.Name);
        }

        var timestamp = settings.TimestampHeader is { } header ? First(request, header)
            : settings.TimestampField is { } field ? payload.Read(field)
            : null;
        var signed = new SignedRequest(First(request, settings.Header), SignedUrl(settings, request), payload.Parameters, body, timestamp);
        var verdict = WebhookSignatureVerifier.Verify(settings, secret, signed);
        if (verdict != SignatureVerdict.Valid)
        {
            metrics.Rejected(ingress, "bad_signature");
            WebhookLog.BadSignature(logger, webhook.Name, verdict == SignatureVerdict.Missing ? "missing" : "mismatch",
                request.HttpContext.Connection.RemoteIpAddress?.ToString());
            return verdict == SignatureVerdict.Missing
                ? Problem(StatusCodes.Status401Unauthorized, "Signature missing",
                    $"The request has no {settings.Header} header; webhook '{webhook.Name}' accepts only signed requests. Nothing was changed.", webhook.Name)
                : Problem(StatusCodes.Status401Unauthorized, "Signature does not match",
                    $"The {settings.Header} signature does not match this request{(settings.PublicUrl is null && settings.Scheme == SignatureScheme.Twilio ? " (behind a proxy, set signature.publicUrl to the URL the vendor calls)" : string.Empty)}. Nothing was changed.",
                    webhook.Name);
        }

        if (!settings.HasTimestamp)
        {
            return null;
        }

        var source = settings.TimestampHeader is { } name ? $"header {name}" : $"field {settings.TimestampField}";
        var tolerance = TimeSpan.FromSeconds(settings.ToleranceSeconds);
        string? problem = null;
        if (!WebhookTimestamps.TryParse(timestamp, settings.TimestampFormat, out var signedAt))
        {
            problem = timestamp is null ? $"missing from {source}" : $"not a {WebhookTimestamps.NameOf(settings.TimestampFormat)} timestamp";
        }
        else if ((clock.GetUtcNow() - signedAt).Duration() > tolerance)
        {
            problem = signedAt < clock.GetUtcNow() ? "too old" : "too far in the future";
        }

        if (problem is null)
        {
            return null;
        }

        metrics.Rejected(ingress, "stale_signature");
        WebhookLog.Stale(logger, webhook.Name, Clip(timestamp), problem, settings.ToleranceSeconds);
        return Problem(StatusCodes.Status401Unauthorized, "Stale signature",
            $"The signature is valid but the request is stale: its signing time ({source}) is {problem}; requests are accepted within {settings.ToleranceSeconds} s of the hub's clock. Nothing was changed.",
            webhook.Name);
    }

    private ProblemHttpResult Malformed(WebhookDefinition webhook, int status, string title, string detail)
    {
        metrics.Rejected($"webhook:{webhook.Name}", "malformed");
        WebhookLog.Malformed(logger, webhook.Name, detail);
        return Problem(status, title, detail, webhook.Name);
    }

    private static JsonDocument? TryParse(WebhookDefinition webhook, byte[] body, out WebhookPayload? payload, out string? error)
    {
        payload = null;
        error = null;
        try
        {
            if (webhook.Format == WebhookFormat.Form)
            {
                payload = WebhookPayload.FromForm(StrictUtf8.GetString(body));
                return null;
            }

            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                error = "The body is JSON but not an object.";
                return null;
            }

            payload = WebhookPayload.FromJson(document.RootElement);
            return document;
        }
        catch (DecoderFallbackException)
        {
            error = "The body is not UTF-8 text.";
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
        }

        return null;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunkBytes];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the same setting) tripped first.
            return null;
        }

        return buffer.ToArray();
    }

    private static bool HasContentType(HttpRequest request, WebhookFormat format)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || media.MediaType.Value is not { } type)
        {
            return false;
        }

        return format == WebhookFormat.Form
            ? type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            : type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The URL the vendor signed: the configured public URL (with the request's query, if it has none), or the request's own.</summary>
    private static string SignedUrl(WebhookSignature settings, HttpRequest request)
    {
        if (settings.PublicUrl is not { } publicUrl)
        {
            return request.GetEncodedUrl();
        }

        var query = request.QueryString.Value;
        return !string.IsNullOrEmpty(query) && !publicUrl.Contains('?', StringComparison.Ordinal) ? publicUrl + query : publicUrl;
    }

    private static string? First(HttpRequest request, string header) =>
        request.Headers.TryGetValue(header, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static ProblemHttpResult Problem(int status, string title, string detail, string? webhook, Dictionary<string, object?>? extensions = null)
    {
        extensions ??= [];
        if (webhook is not null)
        {
            extensions["webhook"] = webhook;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    private static string Clip(string? text) => text is { Length: > 80 } ? text[..77] + "..." : text ?? string.Empty;
}
