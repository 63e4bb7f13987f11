using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Switchboard.Ingress.Webhooks;

namespace Switchboard.Ingress.Tests.Webhooks.Support;

/// <summary>Builds signed requests the way the vendors do.</summary>
public static class WebhookSigning
{
    /// <summary>A form post signed as Twilio signs it, for the URL Twilio would call.</summary>
    public static HttpRequestMessage TwilioPost(string url, string formBody, string authToken, string? path = null)
    {
        var parameters = ParseForm(formBody);
        var request = new HttpRequestMessage(HttpMethod.Post, path ?? new Uri(url).PathAndQuery)
        {
            Content = new StringContent(formBody, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Twilio-Signature", WebhookSignatureVerifier.TwilioSignature(authToken, url, parameters));
        return request;
    }

    /// <summary>A JSON post with X-Timestamp and X-Signature = hex HMAC-SHA256 of "{timestamp}.{body}".</summary>
    public static HttpRequestMessage HmacPost(string path, string body, string secret, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(WebhookSignatureVerifier.HmacSha256(secret, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", signature);
        return request;
    }

    /// <summary>Replaces (or adds) one form parameter, keeping the others as they are.</summary>
    public static string WithParameter(string formBody, string name, string value)
    {
        var pairs = formBody.Split('&').Where(pair => !pair.StartsWith(name + "=", StringComparison.Ordinal)).ToList();
        pairs.Add($"{name}={Uri.EscapeDataString(value)}");
        return string.Join('&', pairs);
    }

    public static List<KeyValuePair<string, string>> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Decode(kv[0]), kv.Length > 1 ? Decode(kv[1]) : string.Empty))
            .ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
