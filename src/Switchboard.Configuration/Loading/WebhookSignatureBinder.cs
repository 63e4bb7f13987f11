using System.Text.RegularExpressions;

namespace Switchboard.Configuration;

/// <summary>Binds a webhook's <c>signature</c> section: the fields its scheme uses, and no others.</summary>
internal static partial class WebhookSignatureBinder
{
    private static readonly string[] Keys =
    [
        "scheme", "secret", "header", "timestampHeader", "timestampField", "timestampFormat", "tolerance", "publicUrl",
        "template", "encoding", "prefix",
    ];

    private static readonly string[] HmacOnly = ["template", "encoding", "prefix"];
    private static readonly string[] TemplatePlaceholders = ["timestamp", "body", "url"];

    public static readonly EnumNames<SignatureScheme> Schemes = new(("twilio", SignatureScheme.Twilio), ("hmac-sha256", SignatureScheme.HmacSha256));

    private static readonly EnumNames<SignatureEncoding> Encodings = new(("hex", SignatureEncoding.Hex), ("base64", SignatureEncoding.Base64));

    /// <summary>The signature, or null when it is missing or unusable (reported).</summary>
    public static WebhookSignature? Bind(MappingReader root, WebhookFormat format, WebhookTimestampFormat fieldFormat)
    {
        var map = root.Map("signature", Keys, required: true);
        if (map is null)
        {
            return null;
        }

        var scheme = map.Enum("scheme", Schemes, required: true);
        var secret = map.Secret("secret", map.File.ConfigurationDirectory, required: true);
        if (scheme == SignatureScheme.Twilio)
        {
            if (format == WebhookFormat.Json)
            {
                map.File.Report(map.Value("scheme"), map.FieldPath("scheme"), "twilio",
                    "signs form posts: use format: form (Twilio signs JSON bodies with a bodySHA256 query parameter, which is not supported)");
            }

            foreach (var key in HmacOnly.Where(map.Has))
            {
                map.File.Report(map.KeyOrMapping(key), map.FieldPath(key), null, "is not used by scheme twilio (it is used by hmac-sha256)");
            }
        }

        var header = Header(map, "header") ?? (scheme == SignatureScheme.Twilio ? WebhookSignature.DefaultTwilioHeader : WebhookSignature.DefaultHmacHeader);
        var timestampHeader = Header(map, "timestampHeader");
        var timestampField = map.String("timestampField")?.Trim();
        if (timestampField is not null && format == WebhookFormat.Json && !WebhookPath.TryParse(timestampField, out _, out var pathError))
        {
            map.File.Report(map.Value("timestampField"), map.FieldPath("timestampField"), timestampField, $"is not a JSON path: it {pathError}");
        }

        if (timestampHeader is not null && timestampField is not null)
        {
            map.File.Report(map.KeyOrMapping("timestampField"), map.FieldPath("timestampField"), timestampField,
                "cannot be given with timestampHeader: the timestamp comes from one or the other");
        }

        var hasTimestamp = timestampHeader is not null || timestampField is not null;
        foreach (var key in new[] { "timestampFormat", "tolerance" }.Where(key => map.Has(key) && !hasTimestamp))
        {
            map.File.Report(map.KeyOrMapping(key), map.FieldPath(key), null, "is used only with timestampHeader or timestampField");
        }

        var timestampFormat = map.Enum("timestampFormat", WebhookFileBinder.TimestampFormats)
            ?? (timestampHeader is not null ? WebhookTimestampFormat.EpochSeconds : fieldFormat);
        var tolerance = map.Int("tolerance", WebhookSignature.MinToleranceSeconds, WebhookSignature.MaxToleranceSeconds)
            ?? WebhookSignature.DefaultToleranceSeconds;
        var template = map.String("template") ?? WebhookSignature.DefaultTemplate;
        if (scheme == SignatureScheme.HmacSha256)
        {
            CheckTemplate(map, template, hasTimestamp);
        }

        var signature = new WebhookSignature
        {
            Scheme = scheme ?? SignatureScheme.HmacSha256,
            Secret = secret!,
            Header = header,
            TimestampHeader = timestampHeader,
            TimestampField = timestampField,
            TimestampFormat = timestampFormat,
            ToleranceSeconds = tolerance,
            PublicUrl = PublicUrl(map),
            Template = template,
            Encoding = map.Enum("encoding", Encodings) ?? SignatureEncoding.Hex,
            Prefix = map.String("prefix"),
        };
        return scheme is null || secret is null ? null : signature;
    }

    private static void CheckTemplate(MappingReader map, string template, bool hasTimestamp)
    {
        var node = map.Value("template") ?? map.KeyOrMapping("scheme");
        if (!WebhookTemplate.TryParse(template, out var parsed, out var error))
        {
            map.File.Report(node, map.FieldPath("template"), template, error);
            return;
        }

        foreach (var name in parsed.Paths.Where(name => !TemplatePlaceholders.Contains(name, StringComparer.Ordinal)))
        {
            map.File.Report(node, map.FieldPath("template"), template,
                $"uses '{{{name}}}', which is not one of {{timestamp}}, {{body}}, {{url}}");
        }

        if (!parsed.Paths.Contains("body", StringComparer.Ordinal))
        {
            map.File.Report(node, map.FieldPath("template"), template, "does not sign {body}, so a changed body would still verify");
        }

        if (parsed.Paths.Contains("timestamp", StringComparer.Ordinal) && !hasTimestamp)
        {
            map.File.Report(node, map.FieldPath("template"), template, "uses {timestamp}, but neither timestampHeader nor timestampField says where it is");
        }
    }

    private static string? Header(MappingReader map, string key)
    {
        var text = map.String(key)?.Trim();
        if (text is null || HeaderNamePattern().IsMatch(text))
        {
            return text;
        }

        map.File.Report(map.Value(key), map.FieldPath(key), text, "is not an HTTP header name");
        return null;
    }

    private static string? PublicUrl(MappingReader map)
    {
        var text = map.String("publicUrl")?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return text;
        }

        map.File.Report(map.Value("publicUrl"), map.FieldPath("publicUrl"), text, "is not an absolute http or https URL");
        return null;
    }

    // RFC 9110 token characters.
    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex HeaderNamePattern();
}
