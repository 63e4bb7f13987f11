using System.Security.Cryptography;
using System.Text;
using Switchboard.Configuration;

namespace Switchboard.Ingress.Webhooks;

/// <summary>
/// Checks a webhook request's signature. Every comparison is over bytes in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), so timing reveals nothing of the expected value.
/// </summary>
public static class WebhookSignatureVerifier
{
    public static SignatureVerdict Verify(WebhookSignature settings, string secret, SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Signature))
        {
            return SignatureVerdict.Missing;
        }

        var valid = settings.Scheme == SignatureScheme.Twilio
            ? VerifyTwilio(secret, request)
            : VerifyHmacSha256(settings, secret, request);
        return valid ? SignatureVerdict.Valid : SignatureVerdict.Mismatch;
    }

    /// <summary>
    /// Twilio's signature, as its security guide describes it: the full URL, then each POST parameter's
    /// name and value with no delimiters, sorted by name (ordinal, i.e. case-sensitive); HMAC-SHA1
    /// keyed with the auth token; base64. Repeated names contribute each distinct value in sorted order,
    /// as Twilio's helper libraries do.
    /// </summary>
    public static string TwilioSignature(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Convert.ToBase64String(TwilioHash(authToken, url, parameters));

    /// <summary>HMAC-SHA256 of <paramref name="message"/> keyed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> message) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);

    /// <summary>What an hmac-sha256 webhook signs: the template with {timestamp}, {body} (raw bytes) and {url} filled in.</summary>
    public static byte[] SignedBytes(string template, SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WebhookTemplate.TryParse(template, out var parsed, out var error))
        {
            throw new ArgumentException($"The signature template '{template}' {error}.", nameof(template));
        }

        using var message = new MemoryStream();
        foreach (var part in parsed.Parts)
        {
            if (part.IsPlaceholder && part.Text == "body")
            {
                message.Write(request.Body.Span);
                continue;
            }

            var text = !part.IsPlaceholder ? part.Text
                : part.Text == "timestamp" ? request.Timestamp ?? string.Empty
                : part.Text == "url" ? request.Url
                : throw new ArgumentException($"The signature template '{template}' uses an unknown placeholder '{{{part.Text}}}'.", nameof(template));
            message.Write(Encoding.UTF8.GetBytes(text));
        }

        return message.ToArray();
    }

    private static bool VerifyTwilio(string authToken, SignedRequest request)
    {
        if (!TryDecodeBase64(request.Signature!.Trim(), out var provided))
        {
            return false;
        }

        // Twilio's libraries accept the URL with and without the scheme's default port, since some
        // proxies and SDKs add or drop ":443"; compare with both (each in constant time).
        var valid = false;
        foreach (var url in UrlVariants(request.Url))
        {
            valid |= CryptographicOperations.FixedTimeEquals(TwilioHash(authToken, url, request.Parameters), provided);
        }

        return valid;
    }

    private static bool VerifyHmacSha256(WebhookSignature settings, string secret, SignedRequest request)
    {
        var text = request.Signature!.Trim();
        if (settings.Prefix is { Length: > 0 } prefix)
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            text = text[prefix.Length..];
        }

        byte[] provided;
        if (settings.Encoding == SignatureEncoding.Base64)
        {
            if (!TryDecodeBase64(text, out provided))
            {
                return false;
            }
        }
        else
        {
            try
            {
                provided = Convert.FromHexString(text);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var expected = HmacSha256(secret, SignedBytes(settings.Template, request));
        return CryptographicOperations.FixedTimeEquals(expected, provided);
    }

    private static byte[] TwilioHash(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var group in parameters.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

#pragma warning disable CA5350 // Twilio's protocol fixes HMAC-SHA1; HMAC keeps SHA-1's collision weakness out of reach.
        return HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
    }

    private static List<string> UrlVariants(string url)
    {
        var variants = new List<string> { url };
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return variants;
        }

        var scheme = url[..schemeEnd].ToUpperInvariant();
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        authorityEnd = authorityEnd < 0 ? url.Length : authorityEnd;
        var authority = url[authorityStart..authorityEnd];
        var colon = authority.LastIndexOf(':');
        var hasPort = colon > Math.Max(authority.LastIndexOf(']'), authority.LastIndexOf('@'));
        var defaultPort = scheme switch { "HTTPS" => "443", "HTTP" => "80", _ => null };
        if (hasPort)
        {
            variants.Add(url[..(authorityStart + colon)] + url[authorityEnd..]);
        }
        else if (defaultPort is not null)
        {
            variants.Add($"{url[..authorityEnd]}:{defaultPort}{url[authorityEnd..]}");
        }

        return variants;
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
